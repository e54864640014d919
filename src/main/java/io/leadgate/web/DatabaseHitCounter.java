package io.leadgate.web;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
