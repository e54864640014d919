package io.leadgate.leads;

import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Mailbox;
import io.leadgate.testing.Mails;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forms with verify-email hold every submission until the address's owner follows the link sent to it (double
 * opt-in): nothing reaches a lead, sales or nurture before, and once confirmed the submission speaks for the lead.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class EmailVerificationTest {

    private static final Pattern LINK = Pattern.compile("(http://[^\\s\"]+/v/[A-Za-z0-9_-]+)");

    @Inject
    EmailVerification verification;

    private static String submit(String email, String fit, String name, String language) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("fit", fit, "name", name, "email", email), "language", language))
                .post("/api/forms/verify-test/submissions")
                .then()
                .statusCode(202)
                .body("verification", equalTo("pending"))
                .body("verdict", nullValue())
                .body("lead_id", nullValue())
                .extract()
                .path("submission_id");
    }

    private static String link(String email, int nth) {
        Eventually.holds(() -> Mailbox.to(email).size() >= nth, "confirmation email " + nth);
        String text = Mails.text(Mailbox.to(email).get(nth - 1));
        Matcher matcher = LINK.matcher(text);
        assertTrue(matcher.find(), text);
        return matcher.group(1).replaceFirst("^http://[^/]+", "");
    }

    @Test
    void aSubmissionWaitsForTheLinkThenSpeaksForTheLead() throws Exception {
        String email = DemoAnswers.uniqueEmail("double-opt-in");
        String heldId = submit(email, "y", "Vera Verified", "en");
        assertEquals(0L, Db.count("SELECT count(*) FROM lead WHERE email = ?", email), "no lead before confirmation");
        given().get("/f/verify-test/done/" + heldId)
                .then()
                .statusCode(200)
                .body(containsString("Please confirm your email address"))
                .body(containsString("data-outcome=\"unconfirmed\""));

        String path = link(email, 1);
        assertTrue(Mailbox.to(email).get(0).getSubject().contains("Please confirm your email address"));
        given().get(path)
                .then()
                .statusCode(200)
                .header("Referrer-Policy", "no-referrer")
                .body(containsString("<form method=\"post\" action=\"" + path + "\">"));
        assertEquals(0L, Db.count("SELECT count(*) FROM lead WHERE email = ?", email), "a GET confirms nothing");

        String thankYou = given().redirects()
                .follow(false)
                .post(path)
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        Map<String, Object> lead = Db.row("SELECT * FROM lead WHERE email = ?", email);
        assertEquals("qualified", lead.get("verdict"));
        assertNotNull(lead.get("email_verified_at"));
        assertEquals(
                "VERIFIED",
                Db.row("SELECT trust FROM submission WHERE lead_id = ?", lead.get("id"))
                        .get("trust"));
        assertEquals(
                1L,
                Db.count(
                        "SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND event_type = 'lead.qualified'",
                        lead.get("public_id")));
        given().get(thankYou).then().statusCode(200).body(containsString("data-outcome=\"qualified\""));

        given().redirects().follow(false).post(path).then().statusCode(303).header("Location", thankYou);
        assertEquals(
                1L,
                Db.count("SELECT count(*) FROM submission WHERE lead_id = ?", lead.get("id")),
                "confirming twice accepts once");
    }

    @Test
    void onceConfirmedARepeatMayChangeTheLead() {
        String email = DemoAnswers.uniqueEmail("changed-mind");
        submit(email, "y", "Vera First", "en");
        given().redirects().follow(false).post(link(email, 1)).then().statusCode(303);

        submit(email, "n", "Vera Second", "de");
        Map<String, Object> waiting = Db.row("SELECT * FROM lead WHERE email = ?", email);
        assertEquals("qualified", waiting.get("verdict"), "held: nothing changes before the link is followed");
        Eventually.holds(() -> Mailbox.to(email).size() >= 2, "the second confirmation email");
        String german = Mails.text(Mailbox.to(email).get(1));
        assertTrue(german.contains("Meine E-Mail-Adresse bestätigen"), german);

        given().redirects().follow(false).post(link(email, 2)).then().statusCode(303);
        Map<String, Object> lead = Db.row("SELECT * FROM lead WHERE email = ?", email);
        assertEquals("disqualified", lead.get("verdict"), "proven: the person may say no");
        assertEquals("Vera Second", lead.get("name"));
    }

    @Test
    void unconfirmedSubmissionsExpireAndForgedLinksFindNothing() {
        String email = DemoAnswers.uniqueEmail("never-confirmed");
        submit(email, "y", "Nobody", "en");
        String path = link(email, 1);
        given().post("/v/not-a-real-token").then().statusCode(404);
        given().post(path.substring(0, path.length() - 2) + "xx").then().statusCode(404);

        assertTrue(verification.deleteExpired(Instant.now().plusSeconds(8 * 24 * 3600)) >= 1);
        assertEquals(0L, Db.count("SELECT count(*) FROM held_submission WHERE email_key = ?", email.toLowerCase()));
        given().post(path).then().statusCode(404);
        assertEquals(0L, Db.count("SELECT count(*) FROM lead WHERE email = ?", email));
    }

    @Test
    void theLinkShowsWhatItWouldSendAndTheOwnerMayDeleteIt() {
        String email = DemoAnswers.uniqueEmail("not-me");
        submit(email, "y", "Someone <b>Else</b>", "en");
        String path = link(email, 1);
        given().get(path)
                .then()
                .statusCode(200)
                .body(containsString("These are the answers that were sent with your email address"))
                .body(containsString("Someone &lt;b&gt;Else&lt;/b&gt;"))
                .body(containsString("action=\"" + path + "/discard\""));

        given().post(path + "/discard").then().statusCode(200).body(containsString("Deleted"));
        assertEquals(0L, Db.count("SELECT count(*) FROM held_submission WHERE email_key = ?", email.toLowerCase()));
        given().post(path).then().statusCode(404);
        assertEquals(0L, Db.count("SELECT count(*) FROM lead WHERE email = ?", email), "nothing was kept");
    }

    @Test
    void anAddressGetsFewConfirmationLinksADay() {
        String email = DemoAnswers.uniqueEmail("mail-bombed");
        for (int i = 0; i < 3; i++) {
            submit(email, "y", "Victim " + i, "en");
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("fit", "y", "name", "Victim 4", "email", email)))
                .post("/api/forms/verify-test/submissions")
                .then()
                .statusCode(429)
                .header("Retry-After", equalTo("86400"))
                .body("title", equalTo("Too many confirmation emails"));
        Eventually.holds(() -> Mailbox.to(email).size() >= 3, "three confirmation emails");
        assertEquals(
                3L,
                Db.count("SELECT count(*) FROM held_submission WHERE email_key = ?", email.toLowerCase()),
                "the fourth is neither stored nor sent");
    }

    @Test
    void aTrappedBotSeesWhatAPersonSees() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers",
                        Map.of("fit", "y", "name", "Bot", "email", DemoAnswers.uniqueEmail("bot")),
                        "honeypot",
                        "spam"))
                .post("/api/forms/verify-test/submissions")
                .then()
                .statusCode(202)
                .body("verification", equalTo("pending"))
                .body("lead_id", nullValue());
        given().get("/f/verify-test/done/" + java.util.UUID.randomUUID())
                .then()
                .statusCode(200)
                .body(containsString("data-outcome=\"unconfirmed\""));
    }

    @Test
    void gmailDotsDoNotMakeMoreRoomForConfirmationLinks() {
        String local = "victim" + java.util.UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 3; i++) {
            submit(local.substring(0, i) + "." + local.substring(i) + "@gmail.com", "y", "Someone", "en");
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("fit", "y", "name", "Someone", "email", local + "@gmail.com")))
                .post("/api/forms/verify-test/submissions")
                .then()
                .statusCode(429);
    }
}
