package io.leadgate.leads;

import io.leadgate.testing.Db;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real submissions through the API end in PostgreSQL as one lead, its submissions, consent, timeline and outbox rows. */
@QuarkusTest
@TestProfile(WithTestForms.class)
class SubmissionFlowTest {

    static ValidatableResponse post(String formId, Map<String, Object> answers) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("answers", answers, "referrer", "https://www.pipewise.example/pricing"))
                .when()
                .post("/api/forms/" + formId + "/submissions")
                .then();
    }

    private static Map<String, Object> lead(String leadId) {
        return Db.row("SELECT * FROM lead WHERE public_id = ?", leadId);
    }

    @Test
    void aQualifiedLeadIsStoredWithLedgerConsentAndEveryOutboxRow() {
        String email = DemoAnswers.uniqueEmail("ana");
        String leadId = post("demo-saas", DemoAnswers.qualified(email))
                .statusCode(201)
                .body("verdict", equalTo("qualified"))
                .body("score", equalTo(100))
                .body("grade", equalTo("A"))
                .body("repeated", equalTo(false))
                .body("outcome_url", startsWith("http://localhost:8080/f/demo-saas/done/"))
                .extract()
                .path("lead_id");

        Map<String, Object> lead = lead(leadId);
        assertEquals(email, lead.get("email"));
        assertEquals("qualified", lead.get("verdict"));
        assertEquals(100, lead.get("score"));
        assertTrue(
                java.util.Set.of("ana@pipewise.example", "ben@pipewise.example", "chloe@pipewise.example")
                        .contains(lead.get("assigned_rep")),
                "assigned to a demo rep (the weighted split itself is AssignmentConcurrencyTest's)");

        Map<String, Object> submission = Db.row("SELECT * FROM submission WHERE lead_id = ?", lead.get("id"));
        assertEquals("demo-saas", submission.get("form_id"));
        assertEquals("1", submission.get("form_version"));
        assertEquals(64, submission.get("form_hash").toString().length());
        assertTrue(
                submission
                        .get("ledger")
                        .toString()
                        .contains("When do you plan to have a solution in place? This month: +25 Timeframe"),
                submission.get("ledger").toString());
        assertTrue(submission.get("answers").toString().contains("\"features\":[\"instant-alerts\",\"scoring\"]"));
        assertEquals("{\"utm_campaign\":\"autumn\",\"utm_source\":\"newsletter\"}", submission.get("hidden_fields"));
        assertEquals("https://www.pipewise.example/pricing", submission.get("referrer"));

        Map<String, Object> consent = Db.row("SELECT * FROM consent WHERE lead_id = ?", lead.get("id"));
        assertEquals("consent", consent.get("question_id"));
        assertEquals(
                io.leadgate.common.Digests.sha256Hex(
                        "I agree that Pipewise may contact me about this request and store my answers for that purpose. "
                                + "I can withdraw at any time; see pipewise.example/privacy."),
                consent.get("text_hash"));
        assertEquals("1", consent.get("form_version"));

        List<Map<String, Object>> outbox =
                Db.rows("SELECT * FROM outbox_message WHERE subject_ref = ? ORDER BY id", leadId);
        assertEquals(
                List.of("EMAIL", "WEBHOOK"),
                outbox.stream().map(r -> r.get("channel")).toList());
        Map<String, Object> alert = outbox.getFirst();
        assertEquals("lead.qualified", alert.get("event_type"));
        assertEquals(
                "sales@pipewise.example," + lead.get("assigned_rep"),
                alert.get("destination"),
                "the sales inbox and the assigned rep");
        assertTrue(alert.get("payload")
                .toString()
                .contains("Qualified lead: Ana Silva, Acme (score 100, A) via See if Pipewise is a fit for your team"));
        Map<String, Object> webhook = outbox.get(1);
        assertEquals("https://crm.pipewise.example", webhook.get("destination"), "only the host is kept to show");
        assertEquals(
                "demo-saas/webhooks/crm", webhook.get("endpoint_key"), "bound to the endpoint's id, not its place");
        assertTrue(webhook.get("message_id").toString().startsWith("msg_"));
        assertTrue(webhook.get("payload").toString().startsWith("{\"type\":\"lead.qualified\""));

        List<Object> timeline =
                Db.rows("SELECT type FROM lead_event WHERE lead_id = ? ORDER BY id", lead.get("id")).stream()
                        .map(r -> r.get("type"))
                        .toList();
        assertEquals(
                List.of("submitted", "assigned", "lead.qualified", "alert.queued"),
                timeline.subList(0, 4),
                "the request's own events come first; deliveries add theirs after commit");
    }

    @Test
    void theSameEmailTwiceIsOneLeadWithTwoSubmissions() {
        String email = DemoAnswers.uniqueEmail("ben");
        String first = post("demo-saas", DemoAnswers.nurture(email))
                .statusCode(201)
                .body("verdict", equalTo("nurture"))
                .body("score", equalTo(37))
                .extract()
                .path("lead_id");
        String respelled = email.toUpperCase().replace("@", "+retry@");
        String second = post("demo-saas", DemoAnswers.qualified(respelled))
                .statusCode(201)
                .body("verdict", equalTo("qualified"))
                .extract()
                .path("lead_id");
        assertEquals(first, second);
        Map<String, Object> lead = lead(first);
        assertEquals(2L, Db.count("SELECT count(*) FROM submission WHERE lead_id = ?", lead.get("id")));
        assertEquals("qualified", lead.get("verdict"));
        assertEquals(
                email,
                lead.get("email"),
                "a repeat proves nothing about who typed it: the lead keeps the address it was created with");

        List<Map<String, Object>> outbox =
                Db.rows("SELECT channel, event_type FROM outbox_message WHERE subject_ref = ? ORDER BY id", first);
        assertEquals(
                List.of("EMAIL", "WEBHOOK"),
                outbox.stream().map(r -> r.get("channel")).toList());
        assertEquals("lead.requalified", outbox.get(0).get("event_type"), "nurture to qualified is a re-qualification");
        Map<String, Object> enrolment = Db.row(
                "SELECT sequence_id, status, exit_reason FROM nurture_enrolment WHERE lead_id = ?", lead.get("id"));
        assertEquals("saas-nurture", enrolment.get("sequence_id"), "the nurture submission enrolled the lead");
        assertEquals(
                "ACTIVE",
                enrolment.get("status"),
                "an unproven repeat alerts sales but never ends nurture; a follow-up link or a confirmed one would");
    }

    @Test
    void aDoubleClickCreatesNothingNew() {
        String email = DemoAnswers.uniqueEmail("chloe");
        Map<String, Object> answers = DemoAnswers.qualified(email);
        String submission = post("demo-saas", answers).statusCode(201).extract().path("submission_id");
        post("demo-saas", answers)
                .statusCode(200)
                .body("repeated", equalTo(true))
                .body("submission_id", equalTo(submission));
        assertEquals(
                1L,
                Db.count("SELECT count(*) FROM submission s JOIN lead l ON l.id = s.lead_id WHERE l.email = ?", email));
        assertEquals(
                2L,
                Db.count(
                        "SELECT count(*) FROM outbox_message m JOIN lead l ON l.public_id = m.subject_ref WHERE l.email = ?",
                        email));
    }

    @Test
    void anIdempotencyKeyMakesRetriesSafe() {
        String email = DemoAnswers.uniqueEmail("dan");
        String first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "retry-" + email)
                .body(Map.of("answers", DemoAnswers.nurture(email)))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("submission_id");
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "retry-" + email)
                .body(Map.of("answers", DemoAnswers.nurture(email)))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(200)
                .body("submission_id", equalTo(first));
    }

    @Test
    void aKnockoutIsDisqualifiedAndNotAlerted() {
        String leadId = post("demo-saas", DemoAnswers.knockedOut(DemoAnswers.uniqueEmail("eve")))
                .statusCode(201)
                .body("verdict", equalTo("disqualified"))
                .extract()
                .path("lead_id");
        assertEquals(0L, Db.count("SELECT count(*) FROM outbox_message WHERE subject_ref = ?", leadId));
        assertTrue(Db.row(
                        "SELECT knockouts FROM submission s JOIN lead l ON l.id = s.lead_id WHERE l.public_id = ?",
                        leadId)
                .get("knockouts")
                .toString()
                .contains("not-a-buyer"));
    }

    @Test
    void refusedAnswersAreExplainedAndNothingIsStored() {
        String email = DemoAnswers.uniqueEmail("fay");
        Map<String, Object> answers = new HashMap<>(DemoAnswers.qualified(email));
        answers.remove("consent");
        answers.put("timeframe", "someday");
        post("demo-saas", answers)
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Answers refused"))
                .body("errors.field", hasItem("timeframe"))
                .body("errors.find { it.field == 'consent' }.message", equalTo("Please tick this box to continue."));
        assertEquals(0L, Db.count("SELECT count(*) FROM lead WHERE email = ?", email));
    }

    @Test
    void malformedRequestsGetAClearProblem() {
        // Cut short, and of the wrong shape: both are the same problem to a client.
        for (String body : List.of("{\"answers\": ", "{\"answers\": [1, 2]}")) {
            given().contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/forms/demo-saas/submissions")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("title", equalTo("Malformed JSON"));
        }
        given().contentType(ContentType.JSON)
                .body("{\"answers\": {\"email\": {\"nested\": 1}}}")
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("email"));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(400);
        given().contentType(ContentType.TEXT)
                .body("email=x")
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(415);
        post("no-such-form", DemoAnswers.qualified("x@acme.example"))
                .statusCode(404)
                .body("title", equalTo("No such form"));
    }

    @Test
    void theApiIsInOpenApiWithAnExample() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/api/forms/{formId}/submissions"))
                .body(containsString("slow-follow-up"));
    }
}
