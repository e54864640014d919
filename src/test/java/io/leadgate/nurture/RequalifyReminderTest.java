package io.leadgate.nurture;

import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Mailbox;
import io.leadgate.testing.Mails;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A nurtured prospect who answered "next quarter" is invited to re-qualify on the quarter's first day, after the
 * sequence's steps, by real SMTP; changing the answer to one that asks for no date cancels the invitation.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class RequalifyReminderTest {

    @Inject
    Requalification requalification;

    @BeforeAll
    static void servers() {
        Mailbox.get();
    }

    private static String submit(String email, String timeframe) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("fit", "yes", "timeframe", timeframe, "email", email)))
                .post("/api/forms/reevaluation-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> enrolment(String leadId) {
        return Db.row(
                "SELECT e.* FROM nurture_enrolment e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?", leadId);
    }

    @Test
    void nextQuarterInvitesTheLeadAgainOnTheQuartersFirstDay() {
        String email = DemoAnswers.uniqueEmail("next-quarter");
        String leadId = submit(email, "next-quarter");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int firstMonthOfNextQuarter = (today.getMonthValue() - 1) / 3 * 3 + 4;
        LocalDate expected = firstMonthOfNextQuarter > 12
                ? LocalDate.of(today.getYear() + 1, 1, 1)
                : LocalDate.of(today.getYear(), firstMonthOfNextQuarter, 1);
        Timestamp remindAt = (Timestamp) enrolment(leadId).get("remind_at");
        assertEquals(expected.atStartOfDay(ZoneOffset.UTC).toInstant(), remindAt.toInstant());

        Eventually.holds(() -> Mailbox.to(email).size() == 2, "both steps of the slow sequence");
        Eventually.holds(
                () -> "ACTIVE".equals(enrolment(leadId).get("status"))
                        && ((Number) enrolment(leadId).get("next_step")).intValue() == 2,
                "after its steps the enrolment waits for the date");
        assertEquals(remindAt, enrolment(leadId).get("next_due_at"));

        // The quarter begins.
        Db.update(
                "UPDATE nurture_enrolment SET remind_at = now(), next_due_at = now() WHERE lead_id ="
                        + " (SELECT id FROM lead WHERE public_id = ?)",
                leadId);
        Eventually.holds(() -> Mailbox.to(email).size() == 3, "the invitation to re-qualify");
        MimeMessage reminder = Mailbox.to(email).stream()
                .filter(m -> subject(m).startsWith("Is now a good time?"))
                .findFirst()
                .orElseThrow();
        assertEquals("Is now a good time? Re-evaluation test", subject(reminder));
        String text = Mails.text(reminder);
        assertTrue(text.contains("you told us that around now would be the right time"), text);
        assertTrue(Mails.html(reminder).contains("Unsubscribe</a>"), "a marketing email like the steps");
        Matcher link =
                Pattern.compile("http://localhost:8080(/r/[A-Za-z0-9_.~-]+)").matcher(text);
        assertTrue(link.find(), text);
        given().get(link.group(1)).then().statusCode(200).body(containsString("name=\"timeframe\""));

        Eventually.holds(() -> "COMPLETED".equals(enrolment(leadId).get("status")), "done after the reminder");
        assertNull(enrolment(leadId).get("remind_at"));
        assertTrue(Db.count("SELECT count(*) FROM nurture_event WHERE sequence_id = 'nurture-slow'"
                        + " AND step_id = 'reminder' AND kind = 'sent'")
                >= 1);
    }

    @Test
    void aLaterAnswerWithoutADateCancelsTheInvitation() {
        String email = DemoAnswers.uniqueEmail("changed-mind");
        String leadId = submit(email, "next-quarter");
        Eventually.holds(() -> Mailbox.to(email).size() == 2, "both steps");
        Eventually.holds(() -> ((Number) enrolment(leadId).get("next_step")).intValue() == 2, "steps sent");

        // Through the signed follow-up link: an anonymous repeat may not change the person's nurture emails.
        given().redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParam("timeframe", "later")
                .post("/r/" + requalification.tokenFor(leadId, 0))
                .then()
                .statusCode(303);
        assertEquals(
                "nurture",
                Db.row("SELECT verdict FROM lead WHERE public_id = ?", leadId).get("verdict"));
        Eventually.holds(() -> "COMPLETED".equals(enrolment(leadId).get("status")), "nothing left to send");
        assertEquals(2, Mailbox.to(email).size());
    }
}
