package io.leadgate.web;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
    private final boolean postgres;

    DatabaseHitCounter(EntityManager entities, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.entities = entities;
        this.postgres = dbKind.startsWith("postgres");
    }

    @Override
    public int hit(String bucket, long window) {
        if (postgres) {
            return QuarkusTransaction.requiringNew().call(() -> {
                // A count lost in a database crash only lets a few more requests through; waiting for the disk
                // on every hit would cost more than the submission itself.
                entities.createNativeQuery("SET LOCAL synchronous_commit TO OFF")
                        .executeUpdate();
                return ((Number) entities.createNativeQuery(
                                        "INSERT INTO rate_counter (bucket, window_start, hits) VALUES (?1, ?2, 1)"
                                                + " ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counter.hits + 1"
                                                + " RETURNING hits")
                                .setParameter(1, bucket)
                                .setParameter(2, window)
                                .getSingleResult())
                        .intValue();
            });
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
        if (!postgres || buckets.size() < 2) {
            return HitCounter.super.hitAll(buckets, window);
        }
        // Rows are locked in one order whatever the caller's, so that two requests never wait for each other.
        List<String> sorted = buckets.stream().sorted().distinct().toList();
        StringBuilder sql = new StringBuilder("INSERT INTO rate_counter (bucket, window_start, hits) VALUES ");
        for (int i = 0; i < sorted.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(i + 2).append(", ?1, 1)");
        }
        sql.append(" ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counter.hits + 1"
                + " RETURNING bucket, hits");
        Map<String, Integer> counts = QuarkusTransaction.requiringNew().call(() -> {
            entities.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
            var query = entities.createNativeQuery(sql.toString()).setParameter(1, window);
            for (int i = 0; i < sorted.size(); i++) {
                query.setParameter(i + 2, sorted.get(i));
            }
            Map<String, Integer> byBucket = new HashMap<>();
            for (Object row : query.getResultList()) {
                Object[] columns = (Object[]) row;
                byBucket.put((String) columns[0], ((Number) columns[1]).intValue());
            }
            return byBucket;
        });
        return buckets.stream().mapToInt(counts::get).toArray();
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
