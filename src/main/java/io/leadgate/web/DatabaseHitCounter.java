package io.leadgate.web;

import io.leadgate.common.GroupCommit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rate-limit counts in the database, which every instance shares: PostgreSQL counts the hits of concurrent requests
 * together, in one statement ({@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}); dev mode's H2 updates, and
 * inserts the first hit.
 */
@ApplicationScoped
class DatabaseHitCounter implements HitCounter {

    /** One request's hits: its buckets, in its order, in one window. */
    record Hits(List<String> buckets, long window) {}

    /** A row of {@code rate_counter}; ordered as the rows are locked. */
    private record Row(String bucket, long window) implements Comparable<Row> {
        @Override
        public int compareTo(Row other) {
            int byBucket = bucket.compareTo(other.bucket);
            return byBucket != 0 ? byBucket : Long.compare(window, other.window);
        }
    }

    /** Requests counted together at most. */
    private static final int MAX_BATCH = 256;

    private static final int STATEMENT_TIMEOUT_SECONDS = 5;

    /**
     * Adds each row's hits, rows locked in one order whatever the callers', so that two batches (of two instances) never
     * wait for each other. A count lost in a database crash only lets a few more requests through; waiting for the disk
     * on every hit would cost more than the submission itself. set_config(..., true) holds for this statement's own
     * transaction, and PostgreSQL reads the setting when that transaction commits.
     */
    private static final String UPSERT = "INSERT INTO rate_counter (bucket, window_start, hits)"
            + " SELECT v.bucket, v.window_start, v.hits FROM unnest(?::varchar[], ?::bigint[], ?::integer[])"
            + " AS v (bucket, window_start, hits) WHERE set_config('synchronous_commit', 'off', true) IS NOT NULL"
            + " ORDER BY v.bucket, v.window_start ON CONFLICT (bucket, window_start)"
            + " DO UPDATE SET hits = rate_counter.hits + EXCLUDED.hits RETURNING bucket, window_start, hits";

    private final EntityManager entities;
    private final DataSource dataSource;
    private final boolean postgres;
    private final GroupCommit<Hits, int[]> batches;

    DatabaseHitCounter(
            EntityManager entities,
            DataSource dataSource,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.entities = entities;
        this.dataSource = dataSource;
        this.postgres = dbKind.startsWith("postgres");
        // Every request from one address counts in the same row: one statement per request made requests wait for each
        // other's row lock, and cost a third of the submissions the benchmark's maximum could take (measured without
        // the count). A failure is the database's, so it fails the whole batch, as it would fail each request.
        this.batches = postgres
                ? new GroupCommit<>(
                        "rate-counter",
                        1,
                        MAX_BATCH,
                        this::countTogether,
                        hits -> countTogether(List.of(hits), new GroupCommit.Tracker<>())
                                .getFirst(),
                        failure -> true,
                        GroupCommit.Observer.NONE)
                : null;
    }

    void stopBatches(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        if (batches != null) {
            batches.stop();
        }
    }

    @Override
    public int hit(String bucket, long window) {
        if (postgres) {
            return hitAll(List.of(bucket), window)[0];
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> hitPortably(bucket, window));
            } catch (PersistenceException e) {
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    private int hitPortably(String bucket, long window) {
        int updated = entities.createNativeQuery(
                        "UPDATE rate_counter SET hits = hits + 1 WHERE bucket = ?1 AND window_start = ?2")
                .setParameter(1, bucket)
                .setParameter(2, window)
                .executeUpdate();
        if (updated == 0) {
            entities.createNativeQuery("INSERT INTO rate_counter (bucket, window_start, hits) VALUES (?1, ?2, 1)")
                    .setParameter(1, bucket)
                    .setParameter(2, window)
                    .executeUpdate();
            return 1;
        }
        return ((Number) entities.createNativeQuery(
                                "SELECT hits FROM rate_counter WHERE bucket = ?1 AND window_start = ?2")
                        .setParameter(1, bucket)
                        .setParameter(2, window)
                        .getSingleResult())
                .intValue();
    }

    @Override
    public int[] hitAll(List<String> buckets, long window) {
        if (!postgres) {
            return HitCounter.super.hitAll(buckets, window);
        }
        return batches.submit(new Hits(buckets, window), "");
    }

    /**
     * Counts the hits of several requests with one statement and gives each request the counts it would have seen
     * alone, in the order they came: the n-th of k hits on a row that ends at total T counted T - k + n. Package-private
     * for tests.
     */
    List<int[]> countTogether(List<Hits> requests, GroupCommit.Tracker<Hits> tracker) {
        Map<Row, Integer> added = new TreeMap<>();
        for (Hits request : requests) {
            for (String bucket : request.buckets()) {
                added.merge(new Row(bucket, request.window()), 1, Integer::sum);
            }
        }
        Map<Row, Integer> totals = upsert(added);
        Map<Row, Integer> counted = new HashMap<>();
        List<int[]> results = new ArrayList<>(requests.size());
        for (Hits request : requests) {
            int[] counts = new int[request.buckets().size()];
            for (int i = 0; i < counts.length; i++) {
                Row row = new Row(request.buckets().get(i), request.window());
                counts[i] = totals.get(row) - added.get(row) + counted.merge(row, 1, Integer::sum);
            }
            results.add(counts);
        }
        return results;
    }

    /**
     * Adds the hits to their rows with one statement in one round trip, on a connection of its own outside any
     * transaction, and returns each row's new total: a JPA transaction around one statement cost more than the
     * statement.
     */
    private Map<Row, Integer> upsert(Map<Row, Integer> added) {
        if (added.isEmpty()) {
            return Map.of();
        }
        try {
            return QuarkusTransaction.suspendingExisting().call(() -> upsertNow(added));
        } catch (QuarkusTransactionException e) {
            // The caller must see what failed (a database out of reach answers 503), not the suspension's wrapper.
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Map<Row, Integer> upsertNow(Map<Row, Integer> added) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setArray(
                    1,
                    connection.createArrayOf(
                            "varchar", added.keySet().stream().map(Row::bucket).toArray()));
            upsert.setArray(
                    2,
                    connection.createArrayOf(
                            "bigint", added.keySet().stream().map(Row::window).toArray()));
            upsert.setArray(
                    3, connection.createArrayOf("integer", added.values().toArray()));
            // Every submission waits for this statement: one stuck behind a lock must fail them (503), not hold them.
            upsert.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            Map<Row, Integer> totals = new HashMap<>();
            try (ResultSet rows = upsert.executeQuery()) {
                while (rows.next()) {
                    totals.put(new Row(rows.getString(1), rows.getLong(2)), rows.getInt(3));
                }
            }
            return totals;
        } catch (SQLException e) {
            throw new PersistenceException("could not count a rate-limit hit", e);
        }
    }

    /** Windows end; their counts are no longer needed. */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldWindows() {
        long now = System.currentTimeMillis();
        QuarkusTransaction.requiringNew()
                .run(() -> entities.createNativeQuery("DELETE FROM rate_counter WHERE window_start < ?1")
                        .setParameter(1, now - java.time.Duration.ofDays(1).toMillis())
                        .executeUpdate());
    }
}
