package io.leadgate.nurture;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.leadgate.delivery.EmailMessage;
import io.leadgate.delivery.Outbox;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Browsers;
import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Mailbox;
import io.leadgate.testing.Mails;
import io.leadgate.testing.PageChecks;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nurture end to end on PostgreSQL and real SMTP: sequences deliver their steps with the unsubscribe headers, a
 * one-click unsubscribe stops the next step, and the re-qualification link rescores the lead, alerts sales and ends
 * the sequence.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class NurtureFlowTest {

    private static final String PUBLIC_URL = "http://localhost:8080";
    private static final String POSTAL = "Pipewise Inc., 1 Example Street, Springfield";

    @Inject
    Unsubscribes unsubscribes;

    @Inject
    Requalification requalification;

    @Inject
    Outbox outbox;

    @Inject
    NurtureWorker worker;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void servers() {
        Mailbox.get();
        Receiver.get();
    }

    @Test
    void threeStepsOneSecondApartArriveWithTheirContentAndHeaders() throws Exception {
        String email = DemoAnswers.uniqueEmail("three");
        String leadId =
                submit(Map.of("fit", "yes", "timing", "later", "budget", "small", "name", "Ana Silva", "email", email));

        Eventually.holds(() -> Mailbox.to(email).size() == 3, "three nurture emails");
        Thread.sleep(2500);
        List<MimeMessage> mails = Mailbox.to(email).stream()
                .sorted(Comparator.comparing(NurtureFlowTest::subject))
                .toList();
        assertEquals(
                List.of("Ana, step 1 of 3", "Ana, step 2 of 3", "Ana, step 3 of 3"),
                mails.stream().map(NurtureFlowTest::subject).toList(),
                "three steps, no fourth");
        String unsubscribe = "<" + PUBLIC_URL + "/u/" + unsubscribes.tokenFor(leadId) + ">";
        HashSet<String> messageIds = new HashSet<>();
        for (MimeMessage mail : mails) {
            assertEquals(unsubscribe, mail.getHeader("List-Unsubscribe")[0]);
            assertEquals("List-Unsubscribe=One-Click", mail.getHeader("List-Unsubscribe-Post")[0]);
            assertTrue(messageIds.add(mail.getMessageID()), "each step has its own Message-ID");
            assertTrue(
                    Mails.text(mail).contains(POSTAL) && Mails.text(mail).contains(PUBLIC_URL + "/u/"),
                    Mails.text(mail));
            assertTrue(
                    Mails.html(mail).contains(POSTAL) && Mails.html(mail).contains("Unsubscribe</a>"),
                    Mails.html(mail));
        }
        assertTrue(
                Mails.text(mails.getFirst()).contains("Hello Ana Silva, you said your budget is A small one."),
                Mails.text(mails.getFirst()));
        assertTrue(Mails.html(mails.getFirst()).contains("href=\"" + PUBLIC_URL + "/r/"), "the re-qualification link");

        List<Map<String, Object>> sent = Db.rows(
                "SELECT e.occurred_at FROM lead_event e JOIN lead l ON l.id = e.lead_id"
                        + " WHERE l.public_id = ? AND e.type = 'nurture.sent' ORDER BY e.occurred_at",
                leadId);
        assertEquals(3, sent.size());
        for (int i = 1; i < 3; i++) {
            long gap = ((Timestamp) sent.get(i).get("occurred_at")).getTime()
                    - ((Timestamp) sent.get(i - 1).get("occurred_at")).getTime();
            assertTrue(gap >= 1000, "steps are a second apart, not " + gap + " ms");
        }
        assertEquals(
                Map.of("status", "COMPLETED", "exit_reason", "completed", "next_step", 3),
                Db.row(
                        "SELECT status, exit_reason, next_step FROM nurture_enrolment e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?",
                        leadId));
        assertTrue(Db.count(
                        "SELECT count(*) FROM nurture_event WHERE sequence_id = 'nurture-three' AND step_id = 'third' AND kind = 'sent'")
                >= 1);
    }

    @Test
    void aOneClickPostUnsubscribesAGetDoesNotAndTheNextStepIsNotSent() throws Exception {
        String email = DemoAnswers.uniqueEmail("unsub-flow");
        String leadId = submit(Map.of("fit", "yes", "timing", "later", "name", "Ben Okafor", "email", email));
        Eventually.holds(() -> Mailbox.to(email).size() == 1, "the first step");
        String link = Mailbox.to(email).getFirst().getHeader("List-Unsubscribe")[0];
        String path = link.substring(("<" + PUBLIC_URL).length(), link.length() - 1);

        given().get(path).then().statusCode(200).body(containsString("Stop these emails?"));
        assertEquals("ACTIVE", enrolment(leadId).get("status"), "a GET changes nothing");
        assertFalse(unsubscribes.isSuppressed(email));

        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("List-Unsubscribe", "One-Click")
                .post(path)
                .then()
                .statusCode(200);
        assertEquals(Map.of("status", "EXITED", "exit_reason", "unsubscribed"), enrolment(leadId));
        Thread.sleep(5500);
        assertEquals(1, Mailbox.to(email).size(), "the step due four seconds later was not sent");
        assertTrue(
                Db.count("SELECT count(*) FROM nurture_event WHERE sequence_id = 'nurture-slow' AND step_id = 'welcome'"
                                + " AND kind = 'unsubscribed'")
                        >= 1);
    }

    @Test
    void marketingEmailAlreadyQueuedForASuppressedAddressIsNotSent() {
        String email = DemoAnswers.uniqueEmail("suppressed");
        assertTrue(unsubscribes.suppress(email, "unsubscribed"));
        String messageId = QuarkusTransaction.requiringNew()
                .call(() -> outbox.email(
                                "nurture.step",
                                null,
                                new EmailMessage(List.of(email), null, "Hello", "text", "<p>html</p>", Map.of(), true))
                        .messageId);
        Eventually.holds(
                () -> "CANCELLED"
                        .equals(Db.row("SELECT status FROM outbox_message WHERE message_id = ?", messageId)
                                .get("status")),
                "the send-time check");
        assertEquals(List.of(), Mailbox.to(email));
        assertEquals(
                "suppressed",
                Db.row("SELECT outcome FROM delivery_attempt WHERE message_id = ?", messageId)
                        .get("outcome"));
    }

    @Test
    void theRequalificationLinkOpensAPrefilledFollowUpThatAlertsSalesAndEndsNurture() throws Exception {
        String email = DemoAnswers.uniqueEmail("requalify");
        String leadId = submit(Map.of("fit", "yes", "timing", "soon", "name", "Chloé Martin", "email", email));
        Eventually.holds(() -> Mailbox.to(email).size() == 1, "the first step");
        Matcher link = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(/r/\\S+)")
                .matcher(Mails.text(Mailbox.to(email).getFirst()));
        assertTrue(link.find());
        String path = link.group(1);
        // Forty days pass: the timing answer outlives its 30-day decay and must be asked again.
        Db.update(
                "UPDATE submission SET submitted_at = submitted_at - INTERVAL '40 days' WHERE lead_id = (SELECT id FROM lead WHERE public_id = ?)",
                leadId);

        given().get(path)
                .then()
                .statusCode(200)
                .header("Referrer-Policy", "no-referrer")
                .body(
                        containsString("name=\"timing\" value=\"soon\" checked"),
                        containsString("name=\"budget\""),
                        not(containsString("name=\"fit\"")),
                        not(containsString("name=\"email\"")));

        Page page = Browsers.chromium().newPage();
        page.navigate(base + path.substring(1));
        PageChecks.check(page, "follow-up");
        page.getByLabel("Right now").check();
        page.getByLabel("A big one").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();
        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Thank you! We'll be in touch shortly.")))
                .isVisible();
        page.close();

        Eventually.holds(
                () -> Mailbox.to("sales@nurture-test.example").stream()
                        .anyMatch(m -> Mails.text(m).contains(email)),
                "the sales alert");
        Eventually.holds(
                () -> Receiver.get().to("/hooks/requalified").stream()
                        .anyMatch(r -> r.body().contains(leadId) && r.body().contains("lead.requalified")),
                "the lead.requalified webhook");
        assertEquals(Map.of("status", "EXITED", "exit_reason", "qualified"), enrolment(leadId));
        assertEquals(
                Map.of("score", 100, "verdict", "qualified"),
                Db.row("SELECT score, verdict FROM lead WHERE public_id = ?", leadId));
        Thread.sleep(2000);
        assertEquals(1, Mailbox.to(email).size(), "no nurture email after re-qualifying");
        for (String kind : List.of("clicked", "requalified")) {
            assertTrue(
                    Db.count(
                                    "SELECT count(*) FROM nurture_event WHERE sequence_id = 'nurture-patient' AND step_id = 'welcome' AND kind = ?",
                                    kind)
                            >= 1,
                    kind);
        }
        given().get(path).then().statusCode(200).body(containsString("You’re all set"));
    }

    @Test
    void twoWorkersRacingForTheSameDueStepsSendEachOnce() throws Exception {
        List<String> leads = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            leads.add(submit(Map.of("fit", "yes", "timing", "soon", "email", DemoAnswers.uniqueEmail("race" + i))));
        }
        for (String leadId : leads) {
            Eventually.holds(() -> stepEmails(leadId) == 1, "the first step of every lead");
        }
        // The second step is due a day later: let two workers, as on two instances, both find it due at once.
        java.time.Instant tomorrow = java.time.Instant.now().plus(java.time.Duration.ofDays(2));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<Integer>> runs =
                pool.invokeAll(List.of(() -> worker.runOnce(tomorrow), () -> worker.runOnce(tomorrow)));
        pool.shutdown();
        int claimed = runs.get(0).get() + runs.get(1).get();
        assertTrue(claimed >= 30, "every due enrolment was worked, " + claimed);
        for (String leadId : leads) {
            assertEquals(2L, stepEmails(leadId), "no step twice");
            assertEquals(Map.of("status", "COMPLETED", "exit_reason", "completed"), enrolment(leadId));
        }
    }

    @Test
    void dueStepsWaitWhileAFullBacklogOfMarketingEmailIsQueued() throws Exception {
        // As many marketing emails as leadgate.nurture.max-queued (2000), leased to an instance that is gone, so that
        // they stay queued here for the length of the test.
        Db.update("INSERT INTO outbox_message (message_id, channel, event_type, destination, payload, status, attempts,"
                + " next_attempt_at, created_at, priority, lease_owner, lease_until)"
                + " SELECT 'msg_backlog_' || i, 'EMAIL', 'nurture.step', 'backlog@example.com', '{}', 'PENDING', 0,"
                + " now(), now(), 1, 'gone-instance', now() + interval '1 hour' FROM generate_series(1, 2000) i");
        String leadId;
        try {
            leadId = submit(Map.of("fit", "yes", "timing", "soon", "email", DemoAnswers.uniqueEmail("backlog")));
            Thread.sleep(3000);
            assertEquals(0L, stepEmails(leadId), "the first step stays due while the backlog is full");
            assertEquals(
                    Map.of("status", "ACTIVE", "next_step", 0),
                    Db.row(
                            "SELECT status, next_step FROM nurture_enrolment e JOIN lead l ON l.id = e.lead_id"
                                    + " WHERE l.public_id = ?",
                            leadId));
        } finally {
            Db.update("DELETE FROM outbox_message WHERE message_id LIKE 'msg_backlog_%'");
        }
        Eventually.holds(() -> stepEmails(leadId) == 1, "the step queued once the backlog drained");
    }

    private static long stepEmails(String leadId) {
        return Db.count(
                "SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND event_type = 'nurture.step'", leadId);
    }

    @Test
    void aForgedRequalificationLinkIsRefused() {
        given().get("/r/someone~0.0123456789abcdef0123456789abcdef")
                .then()
                .statusCode(404)
                .body(containsString("This link no longer works"));
        given().contentType(ContentType.URLENC)
                .formParam("budget", "big")
                .post("/r/nothing")
                .then()
                .statusCode(404);
    }

    @Test
    void aKnockoutThatNurturesEntersItsOwnSequence() {
        String leadId = submit(Map.of("fit", "yes", "timing", "never", "email", DemoAnswers.uniqueEmail("no-plans")));
        assertEquals(
                "nurture-patient",
                Db.row(
                                "SELECT e.sequence_id FROM nurture_enrolment e JOIN lead l ON l.id = e.lead_id"
                                        + " WHERE l.public_id = ?",
                                leadId)
                        .get("sequence_id"),
                "not the band its score of 30 would pick");
    }

    @Test
    void aRequalificationLinkExpires() {
        String leadId = submit(Map.of("fit", "yes", "timing", "later", "email", DemoAnswers.uniqueEmail("stale-link")));
        given().get("/r/"
                        + requalification.tokenFor(
                                leadId, 0, java.time.Instant.now().minus(java.time.Duration.ofDays(91))))
                .then()
                .statusCode(404)
                .body(containsString("This link no longer works"));
        given().get("/r/"
                        + requalification.tokenFor(
                                leadId, 0, java.time.Instant.now().minus(java.time.Duration.ofDays(89))))
                .then()
                .statusCode(200);
    }

    private static Map<String, Object> enrolment(String leadId) {
        return Db.row(
                "SELECT status, exit_reason FROM nurture_enrolment e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?",
                leadId);
    }

    private static String submit(Map<String, Object> answers) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("answers", new LinkedHashMap<>(answers)))
                .post("/api/forms/nurture-test/submissions")
                .then()
                .statusCode(201)
                .body("verdict", org.hamcrest.Matchers.equalTo("nurture"))
                .extract()
                .path("lead_id");
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
