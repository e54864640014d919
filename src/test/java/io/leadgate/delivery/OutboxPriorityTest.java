package io.leadgate.delivery;

import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Mailbox;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sales alert queued behind a burst of marketing email is claimed and sent before the burst, not after it. */
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
        long startedBefore = Db.count(
                "SELECT count(*) FROM delivery_attempt a JOIN outbox_message m ON m.message_id = a.message_id"
                        + " WHERE m.destination LIKE 'burst-%@priority.example' AND a.attempted_at < ?",
                alertAttempt);
        assertEquals(0, startedBefore, "the alert is the first send of its claim");
        // In queue order it would arrive after the burst; claimed and sent first, it is among the first arrivals (the
        // mailer has 10 connections).
        List<String> arrivals = new ArrayList<>();
        for (MimeMessage mail : Mailbox.get().getReceivedMessages()) {
            String to = recipient(mail);
            if (to.endsWith("@priority.example")) {
                arrivals.add(to);
            }
        }
        int position = arrivals.indexOf("sales@priority.example");
        assertTrue(
                position >= 0 && position < 20, "the alert arrived as number " + position + " of " + arrivals.size());
    }

    private static String recipient(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
