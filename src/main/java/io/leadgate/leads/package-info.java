/**
 * Leads: one record per person (deduplicated by normalized email), the timeline of their submissions, consents and
 * events, rep assignment, and the single transaction that accepts a submission and queues what its verdict triggers.
 */
package io.leadgate.leads;
