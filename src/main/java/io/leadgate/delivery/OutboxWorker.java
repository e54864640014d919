package io.leadgate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.common.SuppressionList;
import io.leadgate.common.WebhookEndpoints;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.mailer.reactive.ReactiveMailer;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    private final EmailSender email;
    private final WebhookSender webhooks;
    private final AttemptRecorder recorder;
    private final Timer speedToLead;
    private final String owner = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-waker"));
    private final ExecutorService senders;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Messages being sent right now; their claims are kept at shutdown until the send ends. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    private volatile boolean stopping;

    OutboxWorker(
            DeliveryConfig config,
            EntityManager entities,
            WebhookEndpoints endpoints,
            SuppressionList suppressions,
            ReactiveMailer mailer,
            ObjectMapper json,
            Vertx vertx,
            MeterRegistry meters,
            AttemptRecorder recorder) {
        if (config.lease().compareTo(config.requestTimeout().plusSeconds(5)) < 0) {
            throw new IllegalStateException(
                    "leadgate.delivery.lease (" + config.lease() + ") must outlast a whole send: set it"
                            + " above leadgate.delivery.request-timeout (" + config.requestTimeout() + ") plus 5 s");
        }
        this.config = config;
        this.entities = entities;
        this.endpoints = endpoints;
        this.recorder = recorder;
        this.email = new EmailSender(mailer, json, suppressions, config.requestTimeout());
        AddressGuard guard = new AddressGuard(
                host -> List.of(InetAddress.getAllByName(host)),
                config.allowPrivateAddresses(),
                config.allowPrivateAddresses());
        this.webhooks = new WebhookSender(vertx, guard, config);
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

    /** The name this instance claims messages under. */
    String owner() {
        return owner;
    }

    /** Claims and works one batch as this instance; returns how many messages it claimed. */
    public int runOnce() {
        return runOnce(owner);
    }

    /** Claims and works one batch under the given worker name (two names act as two independent instances). */
    public int runOnce(String workerName) {
        if (stopping) {
            return 0;
        }
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
                    inFlight.add(id);
                    try {
                        work(id, workerName);
                    } catch (RuntimeException e) {
                        LOG.errorf(
                                e,
                                "Outbox message %d could not be worked; its claim expires and it will be tried again",
                                id);
                    } finally {
                        inFlight.remove(id);
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
        recorder.record(message, workerName, started, result, email);
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
                if (endpoint.isPresent()
                        && endpoint.get().positional()
                        && !endpoint.get().url().equals(message.destination)) {
                    // Queued before endpoints had ids; the webhook at that place is another one now.
                    yield SendResult.permanent(
                            null,
                            "the form's webhooks changed since this message was queued; replay it if meant",
                            null);
                }
                yield endpoint.map(e -> webhooks.send(message, e))
                        .orElseGet(() -> SendResult.permanent(null, "the endpoint is no longer in its form", null));
            }
        };
    }

    /**
     * At shutdown: claim nothing more, let sends in flight finish (as long as a send may take), and release only the
     * claims not being worked, so that no other instance sends a message this one is still sending.
     */
    void releaseClaims(@Observes ShutdownEvent event) {
        stopping = true;
        waker.shutdownNow();
        senders.shutdown();
        try {
            senders.awaitTermination(config.requestTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseIdleClaims(owner);
    }

    /** Releases this worker's claims on messages it is not sending right now; those in flight keep their lease. */
    public int releaseIdleClaims(String workerName) {
        try {
            return QuarkusTransaction.requiringNew()
                    .call(() -> entities.createQuery(
                                    "update OutboxMessage set leaseOwner = null, leaseUntil = null where leaseOwner = ?1"
                                            + " and status = ?2 and id not in ?3")
                            .setParameter(1, workerName)
                            .setParameter(2, OutboxMessage.Status.PENDING)
                            .setParameter(3, inFlight.isEmpty() ? List.of(-1L) : List.copyOf(inFlight))
                            .executeUpdate());
        } catch (RuntimeException e) {
            LOG.debugf(
                    "Could not release outbox claims at shutdown (%s); they expire by themselves",
                    e.getClass().getSimpleName());
            return 0;
        }
    }
}
