package io.leadgate.leads;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch of submissions locks its leads against other writers of the lead rows, but not against the rows that refer
 * to them: a nurture round or a follow-up check adding timeline rows for those leads must not wait for the batch (or
 * deadlock with it), as with Hibernate's pessimistic write lock ({@code FOR NO KEY UPDATE}).
 */
@QuarkusTest
class LeadLocksTest {

    @Inject
    EntityManager entities;

    @Test
    void aBatchsLocksStopOtherLockersButNotRowsReferringToTheLead() throws Exception {
        String key = "locks-" + UUID.randomUUID() + "@example.com";
        long leadId = QuarkusTransaction.requiringNew().call(() -> {
            Lead lead = new Lead();
            lead.publicId = UUID.randomUUID().toString();
            lead.email = key;
            lead.emailKey = key;
            lead.formId = "demo-saas";
            lead.verdict = "nurture";
            lead.createdAt = Instant.now();
            lead.updatedAt = lead.createdAt;
            lead.persist();
            return lead.id;
        });
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread batch = Thread.ofPlatform()
                .start(() -> QuarkusTransaction.requiringNew().run(() -> {
                    Lead.lockAllByEmailKeys(List.of(key));
                    locked.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        try {
            assertTrue(locked.await(30, TimeUnit.SECONDS));

            QuarkusTransaction.requiringNew().run(() -> {
                waitAtMost("5s");
                LeadEvent.record(leadId, "test.locks", null, Instant.now());
                entities.flush();
            });

            PersistenceException blocked = assertThrows(
                    PersistenceException.class,
                    () -> QuarkusTransaction.requiringNew().run(() -> {
                        waitAtMost("300ms");
                        Lead.lockAllByEmailKeys(List.of(key));
                    }));
            assertTrue(String.valueOf(blocked.getCause()).contains("lock"), String.valueOf(blocked));
        } finally {
            release.countDown();
            batch.join();
        }
        assertEquals(
                1L,
                QuarkusTransaction.requiringNew()
                        .call(() -> LeadEvent.count("leadId = ?1 and type = 'test.locks'", leadId)));
    }

    private void waitAtMost(String timeout) {
        entities.createNativeQuery("SET LOCAL lock_timeout = '" + timeout + "'").executeUpdate();
    }
}
