package io.leadgate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.common.SqlRows;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Works the outbox: claims due messages in batches with {@code FOR UPDATE SKIP LOCKED} and a lease, so that instances
 * never work one message at the same time and a crashed instance's claims expire; checks suppression for the batch
 * right before sending; sends outside any transaction, many at once; records attempts in batches as they end; retries
 * on the schedule. A commit on this instance wakes it at once; other instances poll.
 */
@ApplicationScoped
public class OutboxWorker {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);
    /** Leases due messages of one priority, oldest first, skipping those another worker is claiming right now. */
    private static final String CLAIM =
            "UPDATE outbox_message SET lease_owner = ?, lease_until = ? WHERE id = ANY(ARRAY("
                    + "SELECT id FROM outbox_message WHERE status = 'PENDING' AND priority = ? AND next_attempt_at <= ?"
                    + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED))"
                    + " RETURNING *";
    /** Attempts recorded per transaction at most. */
    private static final int RECORD_BATCH = 200;

    /** An ended attempt waiting to be recorded, and who waits for it: a {@link #runOnce} call, or else the pump. */
    private record Pending(AttemptRecorder.Finished finished, String workerName, CountDownLatch done) {}

    private final DeliveryConfig config;
    private final EntityManager entities;
    private final WebhookEndpoints endpoints;
    private final SuppressionList suppressions;
    private final EmailSender email;
    private final WebhookSender webhooks;
    private final AttemptRecorder recorder;
    private final Timer speedToLead;
    private final String owner = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-waker"));
    private final ExecutorService senders;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** One per message the pump may have in flight, from its claim until its attempt is recorded. */
    private final Semaphore slots;

    private final BlockingQueue<Pending> recording = new LinkedBlockingQueue<>();
    /** Messages being sent or recorded right now; their claims are kept at shutdown until they end. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    private final boolean postgres;
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
            AttemptRecorder recorder,
            @ConfigProperty(name = "quarkus.mailer.max-pool-size", defaultValue = "10") int mailerPool,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String databaseKind) {
        if (config.lease().compareTo(config.requestTimeout().plusSeconds(5)) < 0) {
            throw new IllegalStateException(
                    "leadgate.delivery.lease (" + config.lease() + ") must outlast a whole send: set it"
                            + " above leadgate.delivery.request-timeout (" + config.requestTimeout() + ") plus 5 s");
        }
        this.config = config;
        this.postgres = databaseKind.startsWith("postgres");
        this.entities = entities;
        this.endpoints = endpoints;
        this.suppressions = suppressions;
        this.recorder = recorder;
        this.email = new EmailSender(
                mailer,
                json,
                config.requestTimeout(),
                mailerPool,
                config.lease().minus(config.requestTimeout()).minusSeconds(2));
        this.slots = new Semaphore(Math.max(1, config.concurrency()));
        AddressGuard guard = new AddressGuard(
                host -> List.of(InetAddress.getAllByName(host)),
                config.allowPrivateAddresses(),
                config.allowPrivateAddresses());
        this.webhooks = new WebhookSender(vertx, guard, config);
        // A webhook send waits on the network; virtual threads let hundreds wait without a platform thread's stack each
        // (256 of those cost about 30 MB under a spike). The slots bound how many run at once.
        this.senders = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("outbox-sender-", 0).factory());
        this.speedToLead = Timer.builder("leadgate.speed.to.lead")
                .description("From commit to the first delivery attempt")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        Thread recorderThread = new Thread(this::recordLoop, "outbox-recorder");
        recorderThread.setDaemon(true);
        recorderThread.start();
    }

    void onEnqueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Enqueued event) {
        if (wakeQueued.compareAndSet(false, true)) {
            waker.submit(() -> {
                wakeQueued.set(false);
                pump();
            });
        }
    }

    @Scheduled(every = "${leadgate.delivery.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        pump();
    }

    /** The name this instance claims messages under. */
    String owner() {
        return owner;
    }

    /**
     * Keeps up to {@code concurrency} messages in flight: claims more as soon as half of them ended, so that no round
     * waits on its slowest send, until nothing more is due. One pump runs at a time; a wake during it runs it again.
     */
    private void pump() {
        again.set(true);
        while (again.get() && !stopping && pumping.compareAndSet(false, true)) {
            try {
                while (again.getAndSet(false) && !stopping) {
                    int wanted = takeSlots();
                    int claimed = wanted == 0 ? 0 : dispatch(owner, wanted, null);
                    slots.release(wanted - claimed);
                    if (claimed == wanted && claimed > 0) {
                        again.set(true);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                pumping.set(false);
            }
        }
    }

    /** Waits until a claim is worth it (half the slots, or a batch, are free) and takes the free ones, up to a batch. */
    private int takeSlots() throws InterruptedException {
        int enough = Math.max(1, Math.min(config.batchSize(), config.concurrency() / 2));
        while (!stopping) {
            if (slots.tryAcquire(enough, 200, TimeUnit.MILLISECONDS)) {
                int more = Math.max(0, Math.min(slots.availablePermits(), config.batchSize() - enough));
                return more > 0 && slots.tryAcquire(more) ? enough + more : enough;
            }
        }
        return 0;
    }

    /** Claims and works one batch as this instance; returns how many messages it claimed. */
    public int runOnce() {
        return runOnce(owner);
    }

    /**
     * Claims one batch under the given worker name (two names act as two independent instances), sends it and returns
     * how many messages it claimed once their attempts are recorded.
     */
    public int runOnce(String workerName) {
        if (stopping) {
            return 0;
        }
        CountDownLatch done = new CountDownLatch(config.batchSize());
        int claimed = dispatch(workerName, config.batchSize(), done);
        for (int i = claimed; i < config.batchSize(); i++) {
            done.countDown();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return claimed;
    }

    /**
     * Claims up to {@code limit} due messages and starts sending each of them; returns how many it claimed. Each one
     * ends by its attempt being recorded, then counts down {@code done}, or else frees its slot in the pump.
     */
    private int dispatch(String workerName, int limit, CountDownLatch done) {
        List<OutboxMessage> claimed;
        Instant claimedAt = Instant.now();
        try {
            claimed = claim(workerName, claimedAt, limit);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Cannot claim outbox messages (%s); will try again",
                    e.getClass().getSimpleName());
            return 0;
        }
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<Long, EmailMessage> emails = new HashMap<>();
        Set<String> suppressed;
        Set<String> disabled;
        try {
            suppressed = suppressedAmong(claimed, emails);
            disabled = disabledAmong(claimed);
            // Sending starts right after the claim; should this worker have stalled for most of its lease, it renews
            // the lease first and leaves what another worker took over meanwhile.
            if (Instant.now().isAfter(claimedAt.plus(config.lease()).minus(config.requestTimeout()))) {
                claimed = renew(claimed, workerName);
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Cannot check outbox messages before sending (%s); their claims expire and they will be tried again",
                    e.getClass().getSimpleName());
            claimed.forEach(message -> finish(message.id, done));
            return claimed.size();
        }
        claimed.forEach(message -> inFlight.add(message.id));
        if (stopping) {
            // Shutting down: the shutdown either saw these in flight and waits, or released them; never send them.
            claimed.forEach(message -> finish(message.id, done));
            return claimed.size();
        }
        for (OutboxMessage message : claimed) {
            Instant started = Instant.now();
            if (message.attempts == 0) {
                speedToLead.record(Duration.between(message.createdAt, started));
            }
            CompletionStage<SendResult> sending;
            try {
                sending = send(message, emails.get(message.id), suppressed, disabled);
            } catch (RuntimeException e) {
                sending = CompletableFuture.failedFuture(e);
            }
            sending.whenComplete((result, failure) -> {
                if (failure != null) {
                    LOG.errorf(
                            failure,
                            "Outbox message %d could not be worked; its claim expires and it will be tried again",
                            message.id);
                    finish(message.id, done);
                } else {
                    recording.add(new Pending(
                            new AttemptRecorder.Finished(message, started, Instant.now(), result), workerName, done));
                }
            });
        }
        return claimed.size();
    }

    /** The addresses among the claimed marketing emails that must not get them, asked right before sending. */
    private Set<String> suppressedAmong(List<OutboxMessage> claimed, Map<Long, EmailMessage> emails) {
        Set<String> marketing = new HashSet<>();
        for (OutboxMessage message : claimed) {
            if (message.channel == Channel.EMAIL) {
                EmailMessage mail = email.read(message);
                emails.put(message.id, mail);
                if (mail != null && mail.marketing()) {
                    marketing.addAll(mail.to());
                }
            }
        }
        return marketing.isEmpty() || "capture".equals(config.mode())
                ? Set.of()
                : suppressions.suppressedAmong(marketing);
    }

    private CompletionStage<SendResult> send(
            OutboxMessage message, EmailMessage mail, Set<String> suppressed, Set<String> disabled) {
        if ("capture".equals(config.mode())) {
            return CompletableFuture.completedFuture(SendResult.delivered(null, "captured in dev mode, not sent"));
        }
        return switch (message.channel) {
            case EMAIL ->
                email.send(
                        message,
                        mail,
                        mail != null && mail.marketing() && mail.to().stream().anyMatch(suppressed::contains));
            case WEBHOOK -> {
                boolean off = disabled.contains(message.endpointKey);
                yield CompletableFuture.supplyAsync(() -> sendWebhook(message, off), senders);
            }
        };
    }

    /** Which webhook endpoints of a claimed batch are switched off, read once for the batch right before sending. */
    private Set<String> disabledAmong(List<OutboxMessage> claimed) {
        Set<String> keys = new HashSet<>();
        claimed.stream()
                .filter(message -> message.channel == Channel.WEBHOOK && message.endpointKey != null)
                .forEach(message -> keys.add(message.endpointKey));
        if (keys.isEmpty()) {
            return Set.of();
        }
        return QuarkusTransaction.requiringNew()
                .call(() -> new HashSet<>(SqlRows.firstColumn(
                        entities,
                        "SELECT endpoint_key FROM webhook_endpoint_state WHERE endpoint_key IN (:values)",
                        keys)));
    }

    private SendResult sendWebhook(OutboxMessage message, boolean disabled) {
        if (disabled) {
            return SendResult.permanent(null, "endpoint disabled", null);
        }
        if (!endpoints.ready()) {
            // Just started: the forms naming the endpoint are not loaded yet, which says nothing about the endpoint.
            return SendResult.retry(null, "the forms were still loading", null, null);
        }
        Optional<WebhookEndpoints.Endpoint> endpoint = endpoints.find(message.endpointKey);
        if (endpoint.isPresent()
                && endpoint.get().positional()
                && !endpoint.get().url().equals(message.destination)) {
            // Queued before endpoints had ids; the webhook at that place is another one now.
            return SendResult.permanent(
                    null, "the form's webhooks changed since this message was queued; replay it if meant", null);
        }
        return endpoint.map(e -> webhooks.send(message, e))
                .orElseGet(() -> SendResult.permanent(null, "the endpoint is no longer in its form", null));
    }

    /** Records ended attempts in batches, in the order they ended, then frees their slots. */
    private void recordLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = recording.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping && inFlight.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                recording.drainTo(batch, RECORD_BATCH - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Map<String, List<AttemptRecorder.Finished>> byWorker = new LinkedHashMap<>();
            batch.forEach(p -> byWorker.computeIfAbsent(p.workerName(), w -> new ArrayList<>())
                    .add(p.finished()));
            byWorker.forEach((workerName, finished) -> {
                try {
                    recorder.recordAll(finished, workerName, email);
                } catch (RuntimeException e) {
                    LOG.errorf(
                            e,
                            "%d outbox attempt(s) could not be recorded; their claims expire and they will be tried again",
                            finished.size());
                }
            });
            batch.forEach(p -> finish(p.finished().message().id, p.done()));
            batch.clear();
        }
    }

    private void finish(Long id, CountDownLatch done) {
        inFlight.remove(id);
        if (done != null) {
            done.countDown();
        } else {
            slots.release();
        }
    }

    /** Claims up to {@code limit} due messages for a lease in one short transaction and returns them. */
    public List<OutboxMessage> claim(String workerName, Instant now, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // One range scan of the (status, priority, next_attempt_at, id) index per priority, alerts first: a single
            // query ordered by priority would read every pending row not yet due before it could stop.
            if (postgres) {
                List<OutboxMessage> claimed =
                        new ArrayList<>(claimReturning(workerName, now, OutboxMessage.FIRST, limit));
                if (claimed.size() < limit) {
                    claimed.addAll(claimReturning(workerName, now, OutboxMessage.MARKETING, limit - claimed.size()));
                }
                return claimed;
            }
            List<Long> claimed = new ArrayList<>(claimable(OutboxMessage.FIRST, now, limit));
            if (claimed.size() < limit) {
                claimed.addAll(claimable(OutboxMessage.MARKETING, now, limit - claimed.size()));
            }
            if (claimed.isEmpty()) {
                return List.of();
            }
            // Native: Hibernate translates a query with a list parameter again at every call.
            entities.createNativeQuery(
                            "UPDATE outbox_message SET lease_owner = :owner, lease_until = :until WHERE id IN (:ids)")
                    .setParameter("owner", workerName)
                    .setParameter("until", now.plus(config.lease()))
                    .setParameter("ids", claimed)
                    .executeUpdate();
            // In the order claimed: alerts first, each priority in the order due.
            return entities.unwrap(Session.class).findMultiple(OutboxMessage.class, claimed);
        });
    }

    /**
     * PostgreSQL: claims due messages of one priority that no live lease holds with one statement, and returns them
     * in the order due. Finding, leasing and reading them as three statements through Hibernate was three quarters of
     * the outbox pump's time at the benchmark's maximum (JFR).
     */
    private List<OutboxMessage> claimReturning(String workerName, Instant now, int priority, int limit) {
        return entities.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
                claim.setString(1, workerName);
                claim.setObject(2, now.plus(config.lease()).atOffset(ZoneOffset.UTC));
                claim.setInt(3, priority);
                claim.setObject(4, at);
                claim.setObject(5, at);
                claim.setInt(6, limit);
                List<OutboxMessage> claimed = new ArrayList<>();
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(OutboxMessage.of(rows));
                    }
                }
                claimed.sort(Comparator.comparing((OutboxMessage m) -> m.nextAttemptAt)
                        .thenComparing(m -> m.id));
                return claimed;
            }
        });
    }

    /** Due messages of one priority that no live lease holds, locked for this transaction, in the order due. */
    @SuppressWarnings("unchecked")
    private List<Long> claimable(int priority, Instant now, int limit) {
        List<Number> ids = entities.createNativeQuery("SELECT id FROM outbox_message WHERE status = 'PENDING'"
                        + " AND priority = ?3 AND next_attempt_at <= ?1 AND (lease_until IS NULL OR lease_until < ?1)"
                        + " ORDER BY next_attempt_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now)
                .setParameter(2, limit)
                .setParameter(3, priority)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Renews the lease of claimed messages this worker still holds and returns those; the others are left alone. */
    private List<OutboxMessage> renew(List<OutboxMessage> claimed, String workerName) {
        List<Long> ids = claimed.stream().map(m -> m.id).toList();
        Set<Long> held = new HashSet<>(QuarkusTransaction.requiringNew().call(() -> {
            entities.createQuery("update OutboxMessage set leaseUntil = ?1 where id in ?2 and leaseOwner = ?3"
                            + " and status = ?4")
                    .setParameter(1, Instant.now().plus(config.lease()))
                    .setParameter(2, ids)
                    .setParameter(3, workerName)
                    .setParameter(4, OutboxMessage.Status.PENDING)
                    .executeUpdate();
            return entities.createQuery(
                            "select id from OutboxMessage where id in ?1 and leaseOwner = ?2 and status = ?3",
                            Long.class)
                    .setParameter(1, ids)
                    .setParameter(2, workerName)
                    .setParameter(3, OutboxMessage.Status.PENDING)
                    .getResultList();
        }));
        return claimed.stream().filter(m -> held.contains(m.id)).toList();
    }

    /**
     * At shutdown: claim nothing more, let sends in flight finish (as long as a send may take), and release only the
     * claims not being worked, so that no other instance sends a message this one is still sending.
     */
    void releaseClaims(@Observes ShutdownEvent event) {
        stopping = true;
        waker.shutdownNow();
        long deadline =
                System.nanoTime() + config.requestTimeout().plusSeconds(2).toNanos();
        try {
            while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdown();
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
