package io.leadgate.delivery;

import io.leadgate.common.Html;
import io.leadgate.common.LogSafe;
import io.leadgate.common.SqlRows;
import io.leadgate.common.SuppressionList;
import io.leadgate.common.WebhookEndpoints;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final List<String> ATTEMPT_COLUMNS = List.of(
            "message_id",
            "attempt",
            "attempted_at",
            "latency_ms",
            "status_code",
            "outcome",
            "error",
            "response_excerpt");

    private final DeliveryConfig config;
    private final RetryPolicy retries;
    private final WebhookEndpoints endpoints;
    private final SuppressionList suppressions;
    private final Outbox outbox;
    private final MeterRegistry meters;
    private final Event<Delivered.All> delivered;
    private final EntityManager entities;

    /** One attempt that ended: the message as it was claimed, when the attempt started and ended, how it ended. */
    record Finished(OutboxMessage message, Instant started, Instant ended, SendResult result) {}

    AttemptRecorder(
            DeliveryConfig config,
            WebhookEndpoints endpoints,
            SuppressionList suppressions,
            Outbox outbox,
            MeterRegistry meters,
            Event<Delivered.All> delivered,
            EntityManager entities) {
        this.config = config;
        this.retries = new RetryPolicy(config.retrySchedule(), config.jitter());
        this.endpoints = endpoints;
        this.suppressions = suppressions;
        this.outbox = outbox;
        this.meters = meters;
        this.delivered = delivered;
        this.entities = entities;
    }

    /**
     * Records attempts that ended together: deliveries and sends to suppressed addresses (nearly all of them) in one
     * transaction with batched statements, the rest (retries, failures) one by one.
     */
    void recordAll(List<Finished> finished, String workerName, EmailSender email) {
        List<Finished> settled = new ArrayList<>();
        List<Finished> others = new ArrayList<>();
        for (Finished attempt : finished) {
            (attempt.result().delivered() || attempt.result().suppressed() ? settled : others).add(attempt);
        }
        if (!settled.isEmpty()) {
            try {
                QuarkusTransaction.requiringNew().run(() -> recordSettled(settled, workerName));
            } catch (RuntimeException e) {
                // A deadlock or a bad row must not leave the whole batch to be sent again once the leases end.
                LOG.warnf(
                        "Recording %d attempts together failed (%s); recording them one by one",
                        settled.size(), e.getClass().getSimpleName());
                others.addAll(0, settled);
            }
        }
        for (Finished attempt : others) {
            try {
                record(attempt.message(), workerName, attempt.started(), attempt.ended(), attempt.result(), email);
            } catch (RuntimeException e) {
                // One message that cannot be recorded (erased meanwhile, say) must not stop the others' records.
                LOG.warnf(
                        "Cannot record an attempt at outbox message %d (%s); its claim expires and it is tried again",
                        attempt.message().id, e.getClass().getSimpleName());
            }
        }
    }

    private void recordSettled(List<Finished> settled, String workerName) {
        Map<Long, Finished> byId = new HashMap<>();
        settled.forEach(attempt -> byId.put(attempt.message().id, attempt));
        // Locked, so that no other worker takes a message over between this check and the update below.
        Map<Long, Boolean> stillOurs = new HashMap<>();
        for (Object[] row : SqlRows.rows(
                entities,
                "SELECT id, lease_owner, status FROM outbox_message WHERE id IN (:values) FOR UPDATE",
                byId.keySet())) {
            stillOurs.put(
                    ((Number) row[0]).longValue(),
                    workerName.equals(row[1])
                            && OutboxMessage.Status.PENDING.name().equals(row[2]));
        }
        Map<String, Long> earlier = new HashMap<>();
        for (Object[] row : SqlRows.rows(
                entities,
                "SELECT message_id, count(*) FROM delivery_attempt WHERE message_id IN (:values) GROUP BY message_id",
                settled.stream().map(a -> a.message().messageId).toList())) {
            earlier.put((String) row[0], ((Number) row[1]).longValue());
        }
        Instant now = Instant.now();
        List<Delivered> deliveries = new ArrayList<>();
        Map<String, Integer> outcomes = new HashMap<>();
        List<Object[]> attempts = new ArrayList<>(settled.size());
        List<Object[]> settledMessages = new ArrayList<>(settled.size());
        for (Finished attempt : settled) {
            OutboxMessage message = attempt.message();
            SendResult result = attempt.result();
            String error = storable(result.error(), ERROR_LENGTH);
            String outcome;
            if (!stillOurs.getOrDefault(message.id, false)) {
                outcome = "late";
                LOG.warnf(
                        "Outbox message %s was worked after its lease ended; only the attempt is logged",
                        message.messageId);
            } else {
                outcome = result.delivered() ? "delivered" : "suppressed";
                settledMessages.add(new Object[] {
                    result.delivered() ? OutboxMessage.Status.DELIVERED : OutboxMessage.Status.CANCELLED,
                    error,
                    message.id
                });
                if (result.delivered() && message.subjectRef != null) {
                    deliveries.add(new Delivered(
                            message.subjectRef, message.channel, message.eventType, message.destination, now));
                }
                outcomes.merge(message.channel.name().toLowerCase() + " " + outcome, 1, Integer::sum);
            }
            attempts.add(new Object[] {
                message.messageId,
                (int) (earlier.getOrDefault(message.messageId, 0L) + 1),
                attempt.started(),
                Duration.between(attempt.started(), attempt.ended()).toMillis(),
                result.statusCode(),
                outcome,
                error,
                storable(result.excerpt(), WebhookSender.EXCERPT_BYTES)
            });
        }
        SqlRows.insert(entities, "delivery_attempt", ATTEMPT_COLUMNS, attempts);
        if (!settledMessages.isEmpty()) {
            entities.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE outbox_message SET status = ?,"
                        + " attempts = attempts + 1, lease_owner = NULL, lease_until = NULL, last_error = ?,"
                        + " completed_at = ? WHERE id = ?")) {
                    for (Object[] message : settledMessages) {
                        update.setString(1, ((OutboxMessage.Status) message[0]).name());
                        update.setString(2, (String) message[1]);
                        update.setObject(3, now.atOffset(ZoneOffset.UTC));
                        update.setLong(4, (Long) message[2]);
                        update.addBatch();
                    }
                    update.executeBatch();
                }
            });
        }
        if (!deliveries.isEmpty()) {
            delivered.fire(new Delivered.All(deliveries));
        }
        outcomes.forEach((key, count) -> {
            String[] parts = key.split(" ");
            meters.counter("leadgate.delivery.attempts", "channel", parts[0], "outcome", parts[1])
                    .increment(count);
        });
    }

    void record(OutboxMessage sent, String workerName, Instant started, SendResult result, EmailSender email) {
        record(sent, workerName, started, Instant.now(), result, email);
    }

    private void record(
            OutboxMessage sent, String workerName, Instant started, Instant now, SendResult result, EmailSender email) {
        QuarkusTransaction.requiringNew().run(() -> {
            // Locked, as recording a batch does. Read unlocked, a claim committed meanwhile by another worker
            // (whose lease ran out while this one could not record, in a database outage) was overwritten: its
            // lease cleared, and the message sent again while the other worker was sending it.
            OutboxMessage message = OutboxMessage.findById(sent.id, LockModeType.PESSIMISTIC_WRITE);
            if (message == null) {
                // Erased while it was being sent: nothing is left to record it against.
                return;
            }
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
                delivered.fire(new Delivered.All(List.of(new Delivered(
                        message.subjectRef, message.channel, message.eventType, message.destination, now))));
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
