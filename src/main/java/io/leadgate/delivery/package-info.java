/**
 * Delivery of messages other features have already rendered: the outbox written in the caller's transaction, the
 * workers that claim due messages with SKIP LOCKED and a lease (alerts and webhooks before marketing email), SMTP
 * sending, Standard Webhooks signing, the SSRF guard, retries, the attempt log, disabled endpoints and replay. Knows
 * nothing about leads.
 */
package io.leadgate.delivery;
