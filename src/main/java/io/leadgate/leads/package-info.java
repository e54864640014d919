/**
 * Leads: one record per person (deduplicated by normalized email), submissions, consents and the timeline, the one
 * transaction that accepts a submission and routes its verdict (rep assignment, sales alert, webhooks, nurture),
 * shared by submissions arriving together (group commit),
 * sales feedback from the alert's signed links, follow-up deadlines that move a lead nobody accepted in time to the
 * next rep, booking links, deal outcomes, rescoring and backtests (replaying leads exactly as the live engine scored
 * them), erasure and retention.
 */
package io.leadgate.leads;
