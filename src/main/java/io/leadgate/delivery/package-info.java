/**
 * Delivery of messages that other features have already rendered: a durable outbox written in the caller's
 * transaction, and (later) the workers that send email and signed webhooks from it. Knows nothing about leads.
 */
package io.leadgate.delivery;
