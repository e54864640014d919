/**
 * The back office for admins, marketers and sales: pages (leads with answers by label, forms with preview and
 * simulator, the form and sequence studio with its YAML and visual views, draft simulator, backtests, suggestions as a
 * draft and experiments, deliveries with errors in words, nurture, reports and lead sources with costs, users) and the
 * bearer-token API (leads and sales feedback, deal outcomes, reports, sources and costs, users, privacy, form and
 * sequence drafts and versions, backtests, suggestions, experiments), each checking who may see what. Dev mode's outbox page
 * lives here too. Sits on top.
 */
package io.leadgate.admin;
