package io.leadgate.delivery;

import io.leadgate.common.Html;
import io.leadgate.common.LogSafe;
import io.leadgate.common.SuppressionList;
import io.leadgate.common.WebhookEndpoints;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Records how an attempt ended: the attempt log row, and the message's next state (delivered, retried on the
 * schedule, failed, or its endpoint disabled). A worker that lost its lease meanwhile logs its attempt but leaves the
 * message to the worker that holds it; what a receiver answered is stored only as text PostgreSQL can hold.
 */
@ApplicationScoped
class AttemptRecorder {

    private static final Logger LOG = Logger.getLogger(AttemptRecorder.class);
    static final int ERROR_LENGTH = 2000;

    private final DeliveryConfig config;
    private final RetryPolicy retries;
    private final WebhookEndpoints endpoints;
    private final SuppressionList suppressions;
    private final Outbox outbox;
    private final MeterRegistry meters;
    private final Event<Delivered> delivered;

    AttemptRecorder(
            DeliveryConfig config,
            WebhookEndpoints endpoints,
            SuppressionList suppressions,
            Outbox outbox,
            MeterRegistry meters,
            Event<Delivered> delivered) {
        this.config = config;
        this.retries = new RetryPolicy(config.retrySchedule(), config.jitter());
        this.endpoints = endpoints;
        this.suppressions = suppressions;
        this.outbox = outbox;
        this.meters = meters;
        this.delivered = delivered;
    }

    void record(OutboxMessage sent, String workerName, Instant started, SendResult result, EmailSender email) {
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage message = OutboxMessage.findById(sent.id);
            DeliveryAttempt attempt = new DeliveryAttempt();
            attempt.messageId = message.messageId;
            attempt.attempt = (int) DeliveryAttempt.count("messageId", message.messageId) + 1;
            attempt.attemptedAt = started;
            attempt.latencyMs = Duration.between(started, now).toMillis();
            attempt.statusCode = result.statusCode();
            attempt.error = storable(result.error(), ERROR_LENGTH);
            attempt.responseExcerpt = storable(result.excerpt(), WebhookSender.EXCERPT_BYTES);
            if (!workerName.equals(message.leaseOwner) || message.status != OutboxMessage.Status.PENDING) {
                // Slower than its lease: another worker holds the message now, and its outcome decides.
                attempt.outcome = "late";
                attempt.persist();
                LOG.warnf(
                        "Outbox message %s was worked after its lease ended; only the attempt is logged",
                        message.messageId);
                return;
            }
            message.attempts++;
            message.leaseOwner = null;
            message.leaseUntil = null;
            message.lastError = attempt.error;
            attempt.outcome = outcome(message, result, now, email);
            attempt.persist();
            meters.counter(
                            "leadgate.delivery.attempts",
                            "channel",
                            message.channel.name().toLowerCase(),
                            "outcome",
                            attempt.outcome)
                    .increment();
        });
    }

    private String outcome(OutboxMessage message, SendResult result, Instant now, EmailSender email) {
        if (result.delivered()) {
            message.status = OutboxMessage.Status.DELIVERED;
            message.completedAt = now;
            if (message.subjectRef != null) {
                delivered.fire(new Delivered(
                        message.subjectRef, message.channel, message.eventType, message.destination, now));
            }
            return "delivered";
        }
        if (result.suppressed()) {
            message.status = OutboxMessage.Status.CANCELLED;
            message.completedAt = now;
            return "suppressed";
        }
        if (message.channel == Channel.EMAIL
                && result.permanent()
                && result.statusCode() != null
                && result.statusCode() >= 500) {
            suppressBounced(message, email);
        }
        // Only a mail server's own 4xx asks for patience; a relay that cannot be reached is tried on the schedule.
        Duration atLeast = result.retryAfter() != null
                ? result.retryAfter()
                : message.channel == Channel.EMAIL && result.statusCode() != null ? config.emailRetryAfter() : null;
        Optional<Instant> next = result.permanent() ? Optional.empty() : retries.next(message.attempts, now, atLeast);
        String outcome;
        if (next.isPresent()) {
            message.nextAttemptAt = next.get();
            outcome = "retry";
        } else {
            message.status = OutboxMessage.Status.FAILED;
            message.completedAt = now;
            outcome = "failed";
            LOG.warnf(
                    "Message %s (%s) failed after %d attempt(s): %s",
                    message.messageId, message.eventType, message.attempts, LogSafe.redact(message.lastError));
            if (message.channel == Channel.WEBHOOK
                    && !result.permanent()
                    && !EndpointState.isDisabled(message.endpointKey)) {
                disableFailingEndpoint(message, now);
            }
        }
        if (result.disableEndpoint() && !EndpointState.isDisabled(message.endpointKey)) {
            EndpointState state = new EndpointState();
            state.endpointKey = message.endpointKey;
            state.disabledAt = now;
            state.reason = storable(result.error(), 500);
            state.persist();
            outcome = "disabled";
            LOG.warnf("Webhook endpoint %s disabled: %s", message.endpointKey, LogSafe.redact(result.error()));
        }
        return outcome;
    }

    /** A server refused a marketing email for good (5xx): no further marketing email goes to that address. */
    private void suppressBounced(OutboxMessage message, EmailSender email) {
        EmailMessage sent = email.read(message);
        if (sent != null && sent.marketing()) {
            sent.to().forEach(address -> suppressions.suppress(address, "bounced"));
        }
    }

    /** The schedule ran out (about three days): stop sending to this endpoint and tell the people who own it. */
    private void disableFailingEndpoint(OutboxMessage message, Instant now) {
        long days = Math.max(1, Duration.between(message.createdAt, now).toDays());
        EndpointState state = new EndpointState();
        state.endpointKey = message.endpointKey;
        state.disabledAt = now;
        state.reason = storable(
                "failed every attempt for "
                        + Duration.between(message.createdAt, now).toHours() + " h: " + message.lastError,
                500);
        state.persist();
        endpoints.find(message.endpointKey).filter(e -> !e.owners().isEmpty()).ifPresent(endpoint -> {
            // Chat webhook URLs carry their secret in the path: the email names the host only.
            String host = message.destination;
            String text = "Leadgate stopped sending to the webhook at " + host + " (" + message.endpointKey
                    + ") because every attempt failed for about " + days + " day(s). Last error: " + message.lastError
                    + ".\n\nFailed messages are kept. Once the receiver works again, switch the endpoint back on and"
                    + " send them again, keeping their ids: java -jar quarkus-run.jar replay --enable "
                    + message.endpointKey + " --failed-since " + message.createdAt;
            String html = "<p>" + Html.escape(text).replace("\n\n", "</p><p>") + "</p>";
            outbox.email(
                    "endpoint.disabled",
                    null,
                    new EmailMessage(
                            endpoint.owners(),
                            null,
                            "Webhook disabled after failing for " + days + " day(s): " + host,
                            text,
                            html));
        });
        LOG.warnf("Webhook endpoint %s disabled after its messages failed for days", message.endpointKey);
    }

    /**
     * Text as PostgreSQL can store it: no NUL, no lone surrogate, at most {@code length} characters. A receiver's
     * reply is whatever it sends; recording it must never fail, or the message would be sent again forever.
     */
    static String storable(String value, int length) {
        if (value == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(value.length(), length));
        for (int i = 0; i < value.length() && clean.length() < length; i++) {
            char c = value.charAt(i);
            if (c == 0) {
                clean.append('\uFFFD');
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))
                        && clean.length() + 1 < length) {
                    clean.append(c).append(value.charAt(++i));
                } else {
                    clean.append('\uFFFD');
                }
            } else if (Character.isLowSurrogate(c)) {
                clean.append('\uFFFD');
            } else {
                clean.append(c);
            }
        }
        return clean.toString();
    }
}
