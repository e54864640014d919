/**
 * The back office for admins, marketers and sales: pages (leads with answers by label, forms with preview and
 * simulator, the form and sequence studio with its YAML and visual views, draft simulator and backtests, deliveries
 * with errors in words, nurture, reports, users) and the bearer-token API (leads, deal outcomes, reports, users,
 * privacy, form and sequence drafts and versions, backtests), each checking who may see what. Dev mode's outbox page
 * lives here too. Sits on top.
 */
package io.leadgate.admin;
