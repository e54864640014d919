package io.leadgate.leads;

import io.leadgate.testing.Db;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A submission proves nothing about who owns its email address: one for an address that already has a lead can never
 * lower its verdict, rename it, end its nurture or sales process, or reveal what earlier submissions established.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class LeadTakeoverTest {

    private static ValidatableResponse post(Map<String, Object> answers) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("answers", answers))
                .when()
                .post("/api/forms/demo-saas/submissions")
                .then();
    }

    private static Map<String, Object> lead(String leadId) {
        return Db.row("SELECT * FROM lead WHERE public_id = ?", leadId);
    }

    private static long outboxRows(String leadId) {
        return Db.count("SELECT count(*) FROM outbox_message WHERE subject_ref = ?", leadId);
    }

    /** An attacker's answers: a student (knockout), renamed, and little else. */
    private static Map<String, Object> attack(String email) {
        Map<String, Object> answers = new HashMap<>(DemoAnswers.knockedOut(email));
        answers.put("name", "Mallory Takeover");
        answers.put("timeframe", "no-plans");
        return answers;
    }

    @Test
    void aRepeatCannotLowerRenameOrEndTheSalesProcess() {
        String email = DemoAnswers.uniqueEmail("victim");
        String leadId =
                post(DemoAnswers.qualified(email)).statusCode(201).extract().path("lead_id");
        Map<String, Object> before = lead(leadId);
        long messages = outboxRows(leadId);

        String ownScore = String.valueOf(post(attack(DemoAnswers.uniqueEmail("mallory")))
                .statusCode(201)
                .extract()
                .<Integer>path("score"));
        String submissionId = post(attack(email))
                .statusCode(201)
                .body("lead_id", equalTo(leadId))
                .body("verdict", equalTo("disqualified"))
                .body("unverified_repeat", equalTo(true))
                .body("score", equalTo(Integer.parseInt(ownScore)))
                .extract()
                .path("submission_id");

        Map<String, Object> after = lead(leadId);
        assertEquals("qualified", after.get("verdict"), "a repeat never lowers the verdict");
        assertEquals(before.get("score"), after.get("score"));
        assertEquals(before.get("grade"), after.get("grade"));
        assertEquals(before.get("name"), after.get("name"), "a repeat never renames the lead");
        assertEquals(before.get("assigned_rep"), after.get("assigned_rep"));
        assertEquals(
                messages, outboxRows(leadId), "no alert, webhook or withdrawal follows a repeat that lowers nothing");
        assertEquals(
                "REPEAT",
                Db.row("SELECT trust FROM submission WHERE public_id = ?", submissionId)
                        .get("trust"));
        assertTrue(Db.row(
                        "SELECT detail FROM lead_event e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?"
                                + " AND e.type = 'submitted' ORDER BY e.id DESC LIMIT 1",
                        leadId)
                .get("detail")
                .toString()
                .contains("repeat, email not verified: the lead stays qualified"));
        given().get("/f/demo-saas/done/" + submissionId)
                .then()
                .statusCode(200)
                .body(containsString("data-outcome=\"disqualified\""))
                .body(containsString("We already had answers from this email address"));
    }

    @Test
    void aRepeatCannotEndANurtureSequence() {
        String email = DemoAnswers.uniqueEmail("nurtured");
        String leadId =
                post(DemoAnswers.nurture(email)).statusCode(201).extract().path("lead_id");
        assertEquals(
                "ACTIVE",
                Db.row(
                                "SELECT e.status FROM nurture_enrolment e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?",
                                leadId)
                        .get("status"));

        post(attack(email)).statusCode(201).body("unverified_repeat", equalTo(true));

        assertEquals("nurture", lead(leadId).get("verdict"));
        assertEquals(
                "ACTIVE",
                Db.row(
                                "SELECT e.status FROM nurture_enrolment e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?",
                                leadId)
                        .get("status"),
                "the sequence goes on");
    }

    @Test
    void aBetterVerdictStillReachesSalesMarkedAsARepeat() {
        String email = DemoAnswers.uniqueEmail("returning");
        String leadId =
                post(DemoAnswers.nurture(email)).statusCode(201).extract().path("lead_id");
        String name = (String) lead(leadId).get("name");
        Map<String, Object> better = new HashMap<>(DemoAnswers.qualified(email));
        better.put("name", "Someone Else");

        post(better).statusCode(201).body("verdict", equalTo("qualified")).body("unverified_repeat", equalTo(true));

        assertEquals("qualified", lead(leadId).get("verdict"));
        assertEquals(name, lead(leadId).get("name"), "raised, but not renamed");
        Map<String, Object> alert = Db.row(
                "SELECT * FROM outbox_message WHERE subject_ref = ? AND channel = 'EMAIL' AND event_type = 'lead.requalified'",
                leadId);
        assertTrue(alert.get("payload").toString().contains("(repeat, email not verified)"), alert.toString());
        Map<String, Object> webhook = Db.row(
                "SELECT * FROM outbox_message WHERE subject_ref = ? AND channel = 'WEBHOOK' AND event_type = 'lead.requalified'",
                leadId);
        assertTrue(webhook.get("payload").toString().contains("\"trust\":\"repeat\""), webhook.toString());
        assertEquals(
                "ACTIVE",
                Db.row(
                                "SELECT e.status FROM nurture_enrolment e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?",
                                leadId)
                        .get("status"),
                "sales hears of it, but the person's own emails go on until they prove the address");
        assertEquals(
                1L,
                ((Number) Db.row(
                                        "SELECT count(*) AS n FROM consent c JOIN lead l ON l.id = c.lead_id WHERE l.public_id = ?",
                                        leadId)
                                .get("n"))
                        .longValue(),
                "only the person's own consent is recorded");
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIsRefused() {
        String key = "order-" + System.nanoTime();
        String email = DemoAnswers.uniqueEmail("idem");
        String leadId = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Map.of("answers", DemoAnswers.qualified(email)))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Map.of("answers", DemoAnswers.qualified(email)))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(200)
                .body("repeated", equalTo(true))
                .body("lead_id", equalTo(leadId));
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Map.of("answers", DemoAnswers.qualified(DemoAnswers.uniqueEmail("other"))))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Idempotency-Key reused"))
                .body(org.hamcrest.Matchers.not(containsString(leadId)));
    }

    @Test
    void aRepeatCannotMoveALeadToAnotherRep() {
        String email = DemoAnswers.uniqueEmail("owned");
        String leadId =
                post(DemoAnswers.qualified(email)).statusCode(201).extract().path("lead_id");
        // Later the person said, proven, that they are not ready; Ben keeps the lead.
        Db.update(
                "UPDATE lead SET verdict = 'nurture', assigned_rep = 'ben@pipewise.example' WHERE public_id = ?",
                leadId);
        Map<String, Object> big = new HashMap<>(DemoAnswers.qualified(email));
        big.put("sales-team-size", 250);

        post(big).statusCode(201).body("verdict", equalTo("qualified")).body("unverified_repeat", equalTo(true));

        assertEquals(
                "ben@pipewise.example",
                lead(leadId).get("assigned_rep"),
                "the rules would give a big team to Ana, but a repeat moves nobody's lead");
        Map<String, Object> alert = Db.row(
                "SELECT * FROM outbox_message WHERE subject_ref = ? AND channel = 'EMAIL' AND event_type = 'lead.requalified'",
                leadId);
        assertTrue(alert.get("payload").toString().contains("ben@pipewise.example"), alert.toString());
        assertFalse(alert.get("payload").toString().contains("ana@pipewise.example"), alert.toString());
    }
}
