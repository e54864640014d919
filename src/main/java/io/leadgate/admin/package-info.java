/**
 * The back office for admins, marketers and sales: pages (leads, forms with preview and simulator, deliveries,
 * nurture, reports, users) and the bearer-token API (leads, deal outcomes, reports, users, privacy), each checking
 * who may see what. Dev mode's outbox page lives here too. Sits on top.
 */
package io.leadgate.admin;
