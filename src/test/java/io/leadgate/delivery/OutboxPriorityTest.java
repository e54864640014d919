package io.leadgate.delivery;

import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Mailbox;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sales alert queued behind a burst of marketing email is sent before the burst, not after it. */
@QuarkusTest
@TestProfile(WithTestForms.class)
class OutboxPriorityTest {

    private static final int BURST = 600;

    @Inject
    Outbox outbox;

    @BeforeAll
    static void servers() {
        Mailbox.get();
    }

    @Test
    void anAlertQueuedAfterABurstOfNurtureEmailIsSentAheadOfIt() {
        List<String> burst = new ArrayList<>();
        String alert = QuarkusTransaction.requiringNew().call(() -> {
            for (int i = 0; i < BURST; i++) {
                burst.add(outbox.email(
                                "nurture.step",
                                null,
                                new EmailMessage(
                                        List.of("burst-" + i + "@priority.example"),
                                        null,
                                        "Step " + i,
                                        "text",
                                        "<p>html</p>",
                                        Map.of(),
                                        true))
                        .messageId);
            }
            return outbox.email(
                            "lead.qualified",
                            null,
                            new EmailMessage(
                                    List.of("sales@priority.example"), null, "New lead", "text", "<p>html</p>"))
                    .messageId;
        });
        Eventually.holds(
                () -> Db.count("SELECT count(*) FROM outbox_message WHERE status = 'DELIVERED' AND destination LIKE"
                                + " '%@priority.example'")
                        == BURST + 1,
                "the burst and the alert delivered");
        Timestamp alertAttempt =
                (Timestamp) Db.row("SELECT attempted_at FROM delivery_attempt WHERE message_id = ?", alert)
                        .get("attempted_at");
        long sentBefore = Db.count(
                "SELECT count(*) FROM delivery_attempt a JOIN outbox_message m ON m.message_id = a.message_id"
                        + " WHERE m.destination LIKE 'burst-%@priority.example' AND a.attempted_at < ?",
                alertAttempt);
        // In queue order it would go after all of them; claimed first, it goes in the first batch (at most 200 with
        // it).
        assertTrue(sentBefore < BURST / 2, sentBefore + " burst emails were sent before the alert");
    }
}
