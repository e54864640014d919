package io.leadgate.nurture;

import io.leadgate.delivery.EmailMessage;
import io.leadgate.delivery.Outbox;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.ScriptedSmtp;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SMTP as a real server answers it: a 550 suppresses the address for good, a 451 is tried again with the same
 * Message-ID, and many emails travel over a few kept-alive connections.
 */
@QuarkusTest
@TestProfile(SmtpFaultsTest.ScriptedServer.class)
class SmtpFaultsTest {

    /** The test forms, with mail going to the scripted server instead of GreenMail. */
    public static class ScriptedServer extends WithTestForms {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.mailer.port", String.valueOf(ScriptedSmtp.port()));
            overrides.put("leadgate.delivery.request-timeout", "2s");
            return overrides;
        }
    }

    @Inject
    Unsubscribes unsubscribes;

    @Inject
    Outbox outbox;

    @BeforeAll
    static void server() {
        ScriptedSmtp.get();
    }

    @Test
    void a550SuppressesTheAddressAndEndsTheSequence() {
        String email = "bounce-" + DemoAnswers.uniqueEmail("hard");
        String leadId = submit(email);
        Eventually.holds(
                () -> Db.count(
                                "SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND status = 'FAILED'",
                                leadId)
                        == 1,
                "the refused step fails at once");
        Map<String, Object> attempt = Db.row(
                "SELECT a.status_code, a.outcome FROM delivery_attempt a JOIN outbox_message m"
                        + " ON m.message_id = a.message_id WHERE m.subject_ref = ?",
                leadId);
        assertEquals(Map.of("status_code", 550, "outcome", "failed"), attempt, "one attempt, not retried");
        assertTrue(unsubscribes.isSuppressed(email));
        assertEquals("bounced", unsubscribes.reasonFor(email).orElseThrow());
        assertEquals(
                Map.of("status", "EXITED", "exit_reason", "bounced"),
                Db.row(
                        "SELECT status, exit_reason FROM nurture_enrolment e"
                                + " JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?",
                        leadId));
        assertEquals(
                1L,
                Db.count(
                        "SELECT count(*) FROM lead_event e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?"
                                + " AND e.type = 'bounced'",
                        leadId));
    }

    @Test
    void a451IsTriedAgainWithTheSameMessageId() {
        String email = "soft-" + DemoAnswers.uniqueEmail("busy");
        String leadId = submit(email);
        Eventually.holds(
                () -> ScriptedSmtp.get().to(email).stream().anyMatch(r -> r.reply() == 250),
                "the second try is accepted");
        List<ScriptedSmtp.Received> tries = ScriptedSmtp.get().to(email);
        assertEquals(451, tries.getFirst().reply());
        assertEquals(messageId(tries.get(0).data()), messageId(tries.get(1).data()), "one Message-ID across retries");
        Map<String, Object> message = Db.row(
                "SELECT status, attempts FROM outbox_message WHERE subject_ref = ? AND event_type = 'nurture.step'"
                        + " ORDER BY id LIMIT 1",
                leadId);
        Eventually.holds(
                () -> "DELIVERED"
                        .equals(Db.row(
                                        "SELECT status FROM outbox_message WHERE subject_ref = ? AND event_type = 'nurture.step'"
                                                + " ORDER BY id LIMIT 1",
                                        leadId)
                                .get("status")),
                "delivered on the retry");
        assertEquals(
                List.of("retry", "delivered"),
                Db.rows(
                                "SELECT a.outcome FROM delivery_attempt a JOIN outbox_message m ON m.message_id = a.message_id"
                                        + " WHERE m.subject_ref = ? AND m.event_type = 'nurture.step' ORDER BY a.attempt",
                                leadId)
                        .stream()
                        .map(r -> r.get("outcome"))
                        .limit(2)
                        .toList(),
                message.toString());
        assertFalse(unsubscribes.isSuppressed(email), "a temporary refusal suppresses nothing");
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheLeaseAndIsTriedAgain() {
        String email = "hang-" + DemoAnswers.uniqueEmail("frozen");
        String leadId = submit(email);
        Eventually.holds(
                () -> Db.count(
                                "SELECT count(*) FROM delivery_attempt a JOIN outbox_message m ON m.message_id = a.message_id"
                                        + " WHERE m.subject_ref = ? AND a.error LIKE '%did not answer within 2 s%'",
                                leadId)
                        == 1,
                "the frozen send ends after the timeout");
        Eventually.holds(
                () -> ScriptedSmtp.get().to(email).stream().anyMatch(r -> r.reply() == 250),
                "and is delivered on the next try");
    }

    @Test
    void emailsShareTheMailersPooledConnections() {
        int before = ScriptedSmtp.get().connections();
        List<String> recipients = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> "reuse-" + i + "-" + DemoAnswers.uniqueEmail("pool"))
                .toList();
        QuarkusTransaction.requiringNew()
                .run(() -> recipients.forEach(to -> outbox.email(
                        "test.reuse", null, new EmailMessage(List.of(to), null, "Pooled", "text", "<p>html</p>"))));
        Eventually.holds(
                () -> recipients.stream()
                        .allMatch(to -> ScriptedSmtp.get().to(to).stream().anyMatch(r -> r.reply() == 250)),
                "all 30 emails delivered");
        Set<String> ids = recipients.stream()
                .map(to -> messageId(ScriptedSmtp.get().to(to).getFirst().data()))
                .collect(Collectors.toSet());
        assertEquals(30, ids.size(), "one Message-ID each");
        int opened = ScriptedSmtp.get().connections() - before;
        assertTrue(opened < recipients.size(), "30 emails over " + opened + " new SMTP connections");
    }

    private static String submit(String email) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("fit", "yes", "timing", "later", "email", email)))
                .post("/api/forms/nurture-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
    }

    private static String messageId(String data) {
        Matcher matcher = Pattern.compile("(?mi)^Message-ID: (.+)$").matcher(data);
        assertTrue(matcher.find(), data);
        return matcher.group(1).strip();
    }
}
