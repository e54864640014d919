package io.leadgate.web;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rate-limit counts in the database, which every instance shares: PostgreSQL counts a hit in one statement
 * ({@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}); dev mode's H2 updates, and inserts the first hit.
 */
@ApplicationScoped
class DatabaseHitCounter implements HitCounter {

    private final EntityManager entities;
    private final DataSource dataSource;
    private final boolean postgres;

    DatabaseHitCounter(
            EntityManager entities,
            DataSource dataSource,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.entities = entities;
        this.dataSource = dataSource;
        this.postgres = dbKind.startsWith("postgres");
    }

    @Override
    public int hit(String bucket, long window) {
        if (postgres) {
            return hitOnPostgres(List.of(bucket), window).get(bucket);
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
        Map<String, Integer> counts = hitOnPostgres(buckets, window);
        return buckets.stream().mapToInt(counts::get).toArray();
    }

    /**
     * Counts a hit in each bucket with one statement in one round trip, on a connection of its own outside any
     * transaction: a rate check precedes every submission, and a JPA transaction around one statement cost more than
     * the statement.
     */
    private Map<String, Integer> hitOnPostgres(List<String> buckets, long window) {
        // Rows are locked in one order whatever the caller's, so that two requests never wait for each other.
        List<String> sorted = buckets.stream().sorted().distinct().toList();
        // A count lost in a database crash only lets a few more requests through; waiting for the disk on every hit
        // would cost more than the submission itself. set_config(..., true) holds for this statement's own
        // transaction, and PostgreSQL reads the setting when that transaction commits.
        String sql = "INSERT INTO rate_counter (bucket, window_start, hits) SELECT v.bucket, ?, 1 FROM (VALUES "
                + String.join(", ", Collections.nCopies(sorted.size(), "(?)"))
                + ") AS v (bucket) WHERE set_config('synchronous_commit', 'off', true) IS NOT NULL ORDER BY v.bucket"
                + " ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counter.hits + 1 RETURNING bucket, hits";
        try {
            return QuarkusTransaction.suspendingExisting().call(() -> upsert(sql, sorted, window));
        } catch (QuarkusTransactionException e) {
            // The caller must see what failed (a database out of reach answers 503), not the suspension's wrapper.
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Map<String, Integer> upsert(String sql, List<String> sorted, long window) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setLong(1, window);
            for (int i = 0; i < sorted.size(); i++) {
                upsert.setString(i + 2, sorted.get(i));
            }
            Map<String, Integer> byBucket = new HashMap<>();
            try (ResultSet rows = upsert.executeQuery()) {
                while (rows.next()) {
                    byBucket.put(rows.getString(1), rows.getInt(2));
                }
            }
            return byBucket;
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
