package io.leadgate.leads;

import io.leadgate.access.Role;
import io.leadgate.access.Users;
import io.leadgate.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A knockout may nurture instead of disqualify: demo-saas sends "no plans to buy" to its nurture sequence, keeps the
 * reason on the ledger and counts it in the report; a knockout that disqualifies still wins over one that nurtures.
 */
@QuarkusTest
class KnockoutRoutingTest {

    @Inject
    Users users;

    @Test
    void noPlansToBuyIsNurturedWithItsReason() {
        String email = DemoAnswers.uniqueEmail("not-yet");
        Map<String, Object> answers = new java.util.HashMap<>(DemoAnswers.qualified(email));
        answers.put("timeframe", "no-plans");
        String leadId = given().contentType(ContentType.JSON)
                .body(Map.of("answers", answers))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .body("verdict", equalTo("nurture"))
                .extract()
                .path("lead_id");

        Map<String, Object> lead = Db.row("SELECT * FROM lead WHERE public_id = ?", leadId);
        assertEquals("nurture", lead.get("verdict"));
        assertEquals(
                "ACTIVE",
                Db.row("SELECT status FROM nurture_enrolment WHERE lead_id = ?", lead.get("id"))
                        .get("status"),
                "enrolled in the form's sequence");
        Map<String, Object> submission = Db.row("SELECT * FROM submission WHERE lead_id = ?", lead.get("id"));
        assertEquals("[\"no-timeline\"]", submission.get("knockouts"));
        assertTrue(
                submission
                        .get("ledger")
                        .toString()
                        .contains("knockout no-timeline (The prospect has no plans to buy" + " yet.), to nurture"),
                submission.get("ledger").toString());
        assertEquals(
                0L,
                Db.count(
                        "SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND event_type = 'lead.qualified'",
                        leadId),
                "sales hears nothing");

        String token = users.issueToken(
                users.create(
                                "knockouts-" + UUID.randomUUID() + "@pipewise.example",
                                "Mia",
                                "a-long-test-password",
                                Role.MARKETER)
                        .id,
                "report");
        List<Map<String, Object>> knockouts = given().header("Authorization", "Bearer " + token)
                .get("/api/reports/demo-saas")
                .then()
                .statusCode(200)
                .body("knockouts.code", hasItem("no-timeline"))
                .extract()
                .path("knockouts");
        assertTrue(
                knockouts.stream()
                        .anyMatch(k -> "no-timeline".equals(k.get("code"))
                                && k.get("reason").toString().endsWith("(to nurture)")
                                && ((Number) k.get("count")).longValue() >= 1),
                knockouts.toString());
    }

    @Test
    void aKnockoutThatDisqualifiesWinsOverOneThatNurtures() {
        Map<String, Object> answers = new java.util.HashMap<>(DemoAnswers.knockedOut(DemoAnswers.uniqueEmail("both")));
        answers.put("timeframe", "no-plans");
        given().contentType(ContentType.JSON)
                .body(Map.of("answers", answers))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .body("verdict", equalTo("disqualified"));
    }
}
