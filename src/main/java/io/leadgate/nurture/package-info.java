/**
 * Nurture: enrolments in email sequences for leads that are not ready yet, the worker that sends due steps through
 * the outbox (only while its marketing backlog is short), the re-qualification follow-up behind each email's link, unsubscribe links (RFC 8058) and the
 * suppression list of keyed hashes checked again at send time, and per-step counts.
 */
package io.leadgate.nurture;
