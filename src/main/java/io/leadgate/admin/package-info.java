/**
 * The back office for admins, marketers and sales: pages (leads, forms with preview and simulator, the form studio
 * with its YAML and visual views, deliveries, nurture, reports, users) and the bearer-token API (leads, deal outcomes,
 * reports, users, privacy, form and sequence drafts and versions), each checking
 * who may see what. Dev mode's outbox page lives here too. Sits on top.
 */
package io.leadgate.admin;
