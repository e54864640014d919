package io.leadgate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.common.Html;
import io.leadgate.common.LogSafe;
import io.leadgate.common.SuppressionList;
import io.leadgate.common.WebhookEndpoints;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Works the outbox: claims due messages with {@code FOR UPDATE SKIP LOCKED} and a lease, so that instances never
 * work one message at the same time and a crashed instance's claims expire; sends outside any transaction; records
 * every attempt; retries on the schedule. A commit on this instance wakes it at once; other instances poll.
 */
@ApplicationScoped
public class OutboxWorker {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);

    private final DeliveryConfig config;
    private final EntityManager entities;
    private final WebhookEndpoints endpoints;
    private final SuppressionList suppressions;
    private final EmailSender email;
    private final WebhookSender webhooks;
    private final RetryPolicy retries;
    private final Timer speedToLead;
    private final MeterRegistry meters;
    private final Outbox outbox;
    private final String owner = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private final jakarta.enterprise.event.Event<Delivered> delivered;
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-waker"));
    private final ExecutorService senders;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    OutboxWorker(
            DeliveryConfig config,
            EntityManager entities,
            WebhookEndpoints endpoints,
            SuppressionList suppressions,
            Mailer mailer,
            ObjectMapper json,
            Vertx vertx,
            MeterRegistry meters,
            Outbox outbox,
            jakarta.enterprise.event.Event<Delivered> delivered) {
        if (config.lease().compareTo(config.requestTimeout().plusSeconds(5)) < 0) {
            throw new IllegalStateException(
                    "leadgate.delivery.lease (" + config.lease() + ") must outlast a whole send: set it"
                            + " above leadgate.delivery.request-timeout (" + config.requestTimeout() + ") plus 5 s");
        }
        this.config = config;
        this.outbox = outbox;
        this.delivered = delivered;
        this.entities = entities;
        this.endpoints = endpoints;
        this.suppressions = suppressions;
        this.email = new EmailSender(mailer, json, suppressions);
        AddressGuard guard = new AddressGuard(
                host -> List.of(InetAddress.getAllByName(host)),
                config.allowPrivateAddresses(),
                config.allowPrivateAddresses());
        this.webhooks = new WebhookSender(vertx, guard, config);
        this.retries = new RetryPolicy(config.retrySchedule(), config.jitter());
        this.meters = meters;
        this.senders = Executors.newFixedThreadPool(Math.max(1, config.concurrency()), r -> {
            Thread thread = new Thread(r, "outbox-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.speedToLead = Timer.builder("leadgate.speed.to.lead")
                .description("From commit to the first delivery attempt")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    void onEnqueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Enqueued event) {
        if (wakeQueued.compareAndSet(false, true)) {
            waker.submit(() -> {
                wakeQueued.set(false);
                runOnce();
            });
        }
    }

    @Scheduled(every = "${leadgate.delivery.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        while (runOnce() == config.batchSize()) {
            // A full batch means more may be due: keep going rather than wait for the next tick.
        }
    }

    /** Claims and works one batch as this instance; returns how many messages it claimed. */
    public int runOnce() {
        return runOnce(owner);
    }

    /** Claims and works one batch under the given worker name (two names act as two independent instances). */
    public int runOnce(String workerName) {
        List<Long> claimed;
        try {
            claimed = claim(workerName, Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Cannot claim outbox messages (%s); will try again",
                    e.getClass().getSimpleName());
            return 0;
        }
        // Sends of one round run side by side: each one mostly waits for a network round trip.
        List<Future<?>> sends = claimed.stream()
                .<Future<?>>map(id -> senders.submit(() -> {
                    try {
                        work(id, workerName);
                    } catch (RuntimeException e) {
                        LOG.errorf(
                                e,
                                "Outbox message %d could not be worked; its claim expires and it will be tried again",
                                id);
                    }
                }))
                .toList();
        for (Future<?> send : sends) {
            try {
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.errorf(
                        e.getCause(),
                        "An outbox send failed unexpectedly; its claim expires and it will be tried again");
            }
        }
        return claimed.size();
    }

    /** Claims due messages for a lease in one short transaction. */
    @SuppressWarnings("unchecked")
    public List<Long> claim(String workerName, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Number> ids = entities.createNativeQuery("SELECT id FROM outbox_message WHERE status = 'PENDING'"
                            + " AND next_attempt_at <= ?1 AND (lease_until IS NULL OR lease_until < ?1)"
                            + " ORDER BY next_attempt_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED")
                    .setParameter(1, now)
                    .setParameter(2, config.batchSize())
                    .getResultList();
            List<Long> claimed = ids.stream().map(Number::longValue).toList();
            if (!claimed.isEmpty()) {
                entities.createQuery("update OutboxMessage set leaseOwner = ?1, leaseUntil = ?2 where id in ?3")
                        .setParameter(1, workerName)
                        .setParameter(2, now.plus(config.lease()))
                        .setParameter(3, claimed)
                        .executeUpdate();
            }
            return claimed;
        });
    }

    private void work(Long id, String workerName) {
        // Renew the claim right before sending: if this worker was slower than its lease and another took the
        // message over, it must not be sent from here as well.
        Instant leaseEnds = Instant.now().plus(config.lease());
        OutboxMessage message = QuarkusTransaction.requiringNew().call(() -> {
            int renewed = entities.createQuery(
                            "update OutboxMessage set leaseUntil = ?1 where id = ?2 and leaseOwner = ?3 and status = ?4")
                    .setParameter(1, leaseEnds)
                    .setParameter(2, id)
                    .setParameter(3, workerName)
                    .setParameter(4, OutboxMessage.Status.PENDING)
                    .executeUpdate();
            return renewed == 1 ? OutboxMessage.<OutboxMessage>findById(id) : null;
        });
        if (message == null) {
            return;
        }
        Instant started = Instant.now();
        if (message.attempts == 0) {
            speedToLead.record(Duration.between(message.createdAt, started));
        }
        SendResult result = send(message);
        record(message, workerName, started, result);
    }

    private SendResult send(OutboxMessage message) {
        if ("capture".equals(config.mode())) {
            return SendResult.delivered(null, "captured in dev mode, not sent");
        }
        return switch (message.channel) {
            case EMAIL -> email.send(message);
            case WEBHOOK -> {
                if (QuarkusTransaction.requiringNew().call(() -> EndpointState.isDisabled(message.endpointKey))) {
                    yield SendResult.permanent(null, "endpoint disabled", null);
                }
                Optional<WebhookEndpoints.Endpoint> endpoint = endpoints.find(message.endpointKey);
                yield endpoint.map(e -> webhooks.send(message, e))
                        .orElseGet(() -> SendResult.permanent(null, "the endpoint is no longer in its form", null));
            }
        };
    }

    private void record(OutboxMessage sent, String workerName, Instant started, SendResult result) {
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage message = OutboxMessage.findById(sent.id);
            DeliveryAttempt attempt = new DeliveryAttempt();
            attempt.messageId = message.messageId;
            attempt.attempt = (int) DeliveryAttempt.count("messageId", message.messageId) + 1;
            attempt.attemptedAt = started;
            attempt.latencyMs = Duration.between(started, now).toMillis();
            attempt.statusCode = result.statusCode();
            attempt.error = truncate(result.error(), 2000);
            attempt.responseExcerpt = truncate(result.excerpt(), WebhookSender.EXCERPT_BYTES);
            message.attempts++;
            message.leaseOwner = null;
            message.leaseUntil = null;
            message.lastError = attempt.error;
            if (result.delivered()) {
                message.status = OutboxMessage.Status.DELIVERED;
                message.completedAt = now;
                attempt.outcome = "delivered";
                if (message.subjectRef != null) {
                    delivered.fire(new Delivered(
                            message.subjectRef, message.channel, message.eventType, message.destination, now));
                }
            } else if (result.suppressed()) {
                message.status = OutboxMessage.Status.CANCELLED;
                message.completedAt = now;
                attempt.outcome = "suppressed";
            } else {
                if (message.channel == Channel.EMAIL
                        && result.permanent()
                        && result.statusCode() != null
                        && result.statusCode() >= 500) {
                    suppressBounced(message);
                }
                Duration atLeast = result.retryAfter() != null
                        ? result.retryAfter()
                        : message.channel == Channel.EMAIL ? config.emailRetryAfter() : null;
                Optional<Instant> next =
                        result.permanent() ? Optional.empty() : retries.next(message.attempts, now, atLeast);
                if (next.isPresent()) {
                    message.nextAttemptAt = next.get();
                    attempt.outcome = "retry";
                } else {
                    message.status = OutboxMessage.Status.FAILED;
                    message.completedAt = now;
                    attempt.outcome = "failed";
                    LOG.warnf(
                            "Message %s (%s) failed after %d attempt(s): %s",
                            message.messageId, message.eventType, message.attempts, LogSafe.redact(attempt.error));
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
                    state.reason = result.error();
                    state.persist();
                    attempt.outcome = "disabled";
                    LOG.warnf("Webhook endpoint %s disabled: %s", message.endpointKey, LogSafe.redact(result.error()));
                }
            }
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

    /** A server refused a marketing email for good (5xx): no further marketing email goes to that address. */
    private void suppressBounced(OutboxMessage message) {
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
        state.reason = "failed every attempt for "
                + Duration.between(message.createdAt, now).toHours() + " h: " + message.lastError;
        state.persist();
        endpoints.find(message.endpointKey).filter(e -> !e.owners().isEmpty()).ifPresent(endpoint -> {
            String url = endpoint.url().replaceAll("\\?.*", "");
            String text = "Leadgate stopped sending to the webhook " + url + " (" + message.endpointKey
                    + ") because every attempt"
                    + " failed for about " + days + " day(s). Last error: " + message.lastError
                    + ".\n\nFailed messages are kept."
                    + " Once the receiver works again, switch the endpoint back on and send them again, keeping their ids:"
                    + " java -jar quarkus-run.jar replay --enable " + message.endpointKey + " --failed-since "
                    + message.createdAt;
            String html = "<p>" + Html.escape(text).replace("\n\n", "</p><p>") + "</p>";
            outbox.email(
                    "endpoint.disabled",
                    null,
                    new EmailMessage(
                            endpoint.owners(),
                            null,
                            "Webhook disabled after failing for " + days + " day(s): " + url,
                            text,
                            html));
        });
        LOG.warnf("Webhook endpoint %s disabled after its messages failed for days", message.endpointKey);
    }

    void releaseClaims(@Observes ShutdownEvent event) {
        waker.shutdownNow();
        senders.shutdown();
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> entities.createQuery(
                                    "update OutboxMessage set leaseOwner = null, leaseUntil = null where leaseOwner = ?1 and status = ?2")
                            .setParameter(1, owner)
                            .setParameter(2, OutboxMessage.Status.PENDING)
                            .executeUpdate());
        } catch (RuntimeException e) {
            LOG.debugf(
                    "Could not release outbox claims at shutdown (%s); they expire by themselves",
                    e.getClass().getSimpleName());
        }
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
