package io.leadgate.leads;

import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stored leads are scored again as their answers age: one qualified 100 days ago on a 90-day timeframe moves to
 * nurture exactly once, with its timeline entry, webhook and enrolment, even with two instances at work.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class ReevaluationTest {

    @Inject
    Reevaluation reevaluation;

    private static String submit(String timeframe) {
        return given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers",
                        Map.of("fit", "yes", "timeframe", timeframe, "email", DemoAnswers.uniqueEmail("aging"))))
                .post("/api/forms/reevaluation-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
    }

    private static void age(String leadId, int days) {
        Db.update(
                "UPDATE submission SET submitted_at = submitted_at - make_interval(days => ?) WHERE lead_id ="
                        + " (SELECT id FROM lead WHERE public_id = ?)",
                days,
                leadId);
    }

    @Test
    void aLeadQualifiedOnAnExpiredTimeframeMovesToNurtureOnceWithTwoInstances() throws Exception {
        String leadId = submit("this-month");
        String fresh = submit("this-month");
        assertEquals(
                "qualified",
                Db.row("SELECT verdict FROM lead WHERE public_id = ?", leadId).get("verdict"));
        age(leadId, 100);
        age(fresh, 10);

        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            Instant now = Instant.now();
            List<Future<Integer>> runs =
                    instances.invokeAll(List.of(() -> reevaluation.runOnce(now), () -> reevaluation.runOnce(now)));
            int moved = 0;
            for (Future<Integer> run : runs) {
                moved += run.get();
            }
            assertTrue(moved >= 1, "the aged lead moved");
        } finally {
            instances.shutdownNow();
        }

        Map<String, Object> lead = Db.row("SELECT * FROM lead WHERE public_id = ?", leadId);
        assertEquals("nurture", lead.get("verdict"));
        assertEquals(50, ((Number) lead.get("score")).intValue());
        assertEquals(
                1L,
                Db.count("SELECT count(*) FROM lead_event WHERE lead_id = ? AND type = 'reevaluated'", lead.get("id")),
                "never silently, and only once");
        assertEquals(
                1L,
                Db.count(
                        "SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND channel = 'WEBHOOK'"
                                + " AND event_type = 'lead.nurtured'",
                        leadId));
        assertEquals(
                "nurture-slow",
                Db.row(
                                "SELECT sequence_id FROM nurture_enrolment WHERE lead_id = ? AND status = 'ACTIVE'",
                                lead.get("id"))
                        .get("sequence_id"));
        Eventually.holds(
                () -> Receiver.get().to("/hooks/nurtured").stream()
                                .filter(r ->
                                        r.body().contains(leadId) && r.body().contains("lead.nurtured"))
                                .count()
                        == 1,
                "the CRM hears of it once");

        assertEquals(
                "qualified",
                Db.row("SELECT verdict FROM lead WHERE public_id = ?", fresh).get("verdict"));
        assertNotNull(Db.row("SELECT reevaluated_at FROM lead WHERE public_id = ?", fresh)
                .get("reevaluated_at"));
        age(fresh, 95);
        assertEquals(
                0,
                reevaluation.runOnce(Instant.now()),
                "a lead looked at today rests until tomorrow, even if its answers aged meanwhile");
        assertEquals(
                1,
                reevaluation.runOnce(Instant.now().plus(Reevaluation.REST).plusSeconds(60)),
                "and moves at the next day's look");
    }

    @Test
    void aLeadOnlyAnUnverifiedRepeatQualifiedIsLeftAlone() {
        String email = DemoAnswers.uniqueEmail("raised");
        String leadId = given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("fit", "yes", "timeframe", "later", "email", email)))
                .post("/api/forms/reevaluation-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        // Anyone may claim the address and answer better: that raises the lead for sales, and proves nothing.
        given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("fit", "yes", "timeframe", "this-month", "email", email)))
                .post("/api/forms/reevaluation-test/submissions")
                .then()
                .statusCode(201);
        assertEquals(
                "qualified",
                Db.row("SELECT verdict FROM lead WHERE public_id = ?", leadId).get("verdict"));
        age(leadId, 100);
        reevaluation.runOnce(Instant.now());
        Map<String, Object> lead = Db.row("SELECT * FROM lead WHERE public_id = ?", leadId);
        assertEquals(
                0L,
                Db.count("SELECT count(*) FROM lead_event WHERE lead_id = ? AND type = 'reevaluated'", lead.get("id")),
                "the job does not act on answers the person never gave");
    }

    @Test
    void aLeadWithADealOutcomeIsLeftAlone() {
        String leadId = submit("this-month");
        age(leadId, 100);
        Db.update(
                "INSERT INTO lead_outcome (lead_id, status, recorded_at, recorded_by)"
                        + " SELECT id, 'won', now(), 'test' FROM lead WHERE public_id = ?",
                leadId);
        reevaluation.runOnce(Instant.now());
        assertEquals(
                "qualified",
                Db.row("SELECT verdict FROM lead WHERE public_id = ?", leadId).get("verdict"));
    }
}
