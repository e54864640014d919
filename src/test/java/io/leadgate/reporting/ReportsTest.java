package io.leadgate.reporting;

import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Report numbers on a seeded dataset: twelve leads of report-test (six big teams qualify, four small ones are
 * nurtured, two students are knocked out), with their seats (a number scored by ranges) and urgency (a rating from 1
 * to 5 scored by two ranges), eight closed deals, and anonymous funnel events as the app stores them.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class ReportsTest {

    @Inject
    Users users;

    @Test
    void theReportAddsUpTheSeededDataset() {
        User marketer = QuarkusTransaction.requiringNew()
                .call(() -> User.byEmail("reports@pipewise.example").orElse(null));
        String token = users.issueToken(
                (marketer != null
                                ? marketer
                                : users.create(
                                        "reports@pipewise.example", "Reports", "a-long-test-password", Role.MARKETER))
                        .id,
                "reports");
        User admin = QuarkusTransaction.requiringNew()
                .call(() -> User.byEmail("admin@localhost").orElseThrow());
        String adminToken = users.issueToken(admin.id, "reports-admin");

        // Seats on the edges of their ranges (10, 49, 50) and a fraction just below one (9.5).
        List<String> bigSeats = List.of("120", "50", "75", "60", "10", "49");
        List<Integer> bigUrgency = List.of(5, 5, 4, 4, 3, 3);
        List<String> smallSeats = List.of("12", "9.5", "2", "1");
        List<Integer> smallUrgency = List.of(5, 2, 2, 1);
        List<String> big = new ArrayList<>();
        List<String> small = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            big.add(submit("big", i % 2 == 0 ? "red" : "blue", bigSeats.get(i), bigUrgency.get(i)));
        }
        for (int i = 0; i < 4; i++) {
            small.add(submit("small", i % 2 == 0 ? "red" : "blue", smallSeats.get(i), smallUrgency.get(i)));
        }
        submit("student", "red", "1", 1);
        submit("student", "blue", "3", 1);
        for (int i = 0; i < 6; i++) {
            outcome(
                    adminToken,
                    big.get(i),
                    i < 4 ? Map.of("status", "won", "amount", 1000, "currency", "EUR") : Map.of("status", "lost"));
        }
        outcome(adminToken, small.get(0), Map.of("status", "won", "amount", 500, "currency", "EUR"));
        outcome(adminToken, small.get(1), Map.of("status", "lost"));
        for (int visit = 0; visit < 40; visit++) {
            // Stored as FunnelEvents writes them: the type in lower case.
            funnel("view", null, "v" + visit);
            if (visit < 20) {
                funnel("start", null, "v" + visit);
            }
            if (visit < 15) {
                funnel("answer", "size", "v" + visit);
                funnel("answer", "size", "v" + visit);
            }
            if (visit < 13) {
                funnel("answer", "color", "v" + visit);
            }
            if (visit < 12) {
                funnel("answer", "seats", "v" + visit);
            }
            if (visit < 11) {
                funnel("answer", "urgency", "v" + visit);
            }
        }
        Eventually.holds(
                () -> Db.count("SELECT count(DISTINCT a.message_id) FROM delivery_attempt a JOIN outbox_message m"
                                + " ON m.message_id = a.message_id WHERE m.destination = 'sales@report-test.example'")
                        == 6,
                "the six sales alerts");

        given().get("/api/reports/report-test").then().statusCode(401);
        JsonPath report = given().header("Authorization", "Bearer " + token)
                .get("/api/reports/report-test")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertEquals(
                Map.of(
                        "views",
                        40,
                        "starts",
                        20,
                        "completions",
                        12,
                        "qualified",
                        6,
                        "nurture",
                        4,
                        "disqualified",
                        2,
                        "requalified",
                        0,
                        "won",
                        5),
                report.getMap("funnel"));
        assertEquals(1, report.getList("weeks").size());
        assertEquals(List.of("size", "color", "seats", "urgency", "email"), report.getList("drop_off.question_id"));
        assertEquals(List.of(15, 13, 12, 11, 0), report.getList("drop_off.answered"), "number and rating included");
        assertEquals(6, report.getInt("speed_to_lead.count"));
        assertEquals(8, report.getInt("time_to_outcome.count"));

        assertEquals(List.of("qualified", "nurture", "disqualified"), report.getList("by_verdict.name"));
        assertEquals(List.of(6, 4, 2), report.getList("by_verdict.leads"));
        assertEquals(List.of(4, 1, 0), report.getList("by_verdict.won"));
        assertEquals(0.6667, report.getDouble("by_verdict[0].win_rate"), 0.0001);
        assertEquals(0.5, report.getDouble("by_verdict[1].win_rate"), 0.0001);
        assertNull(report.get("by_verdict[2].win_rate"), "no closed deal, no rate");
        assertEquals(4000.0, report.getDouble("by_verdict[0].revenue"), 0.001);
        assertEquals("EUR", report.getString("by_verdict[0].currency"));
        assertEquals(
                List.of(6, 0, 4, 0, 2), report.getList("by_score_band.leads"), "80–100, 60–79, 40–59, 20–39, 0–19");

        assertEquals("size", report.getString("questions[0].question_id"));
        assertEquals(List.of(6, 4, 2), report.getList("questions[0].answers.leads"));
        assertEquals(
                2.0, report.getDouble("questions[0].answers[0].qualification_lift"), 0.0001, "1.0 against 0.5 overall");
        assertEquals(0.0, report.getDouble("questions[0].answers[1].qualification_lift"), 0.0001);
        assertEquals(
                0.6667 / 0.625, report.getDouble("questions[0].answers[0].win_lift"), 0.001, "4 of 6 against 5 of 8");
        assertEquals(
                "Wins about as often as average: keep its points.",
                report.getString("questions[0].answers[0].suggestion"));
        assertEquals("Too few closed deals to judge.", report.getString("questions[0].answers[1].suggestion"));
        assertTrue(report.getBoolean("questions[0].discriminates"));
        assertEquals("color", report.getString("questions[1].question_id"));
        assertEquals(List.of(1.0f, 1.0f), report.getList("questions[1].answers.qualification_lift"));
        assertFalse(report.getBoolean("questions[1].discriminates"));
        assertEquals(List.of(false, true, false, false), report.getList("questions.flagged"), "judged and alike");
        assertNull(report.get("flagged_questions"), "the page's list, not the API's");
        assertTrue(report.getString("questions[1].advice").contains("does not tell leads apart"));
        // Of the 15 visitors who answered size, the question before it, 2 never answered colour.
        assertEquals(Map.of("reached", 15, "left", 2, "share", 2 / 15f), report.getMap("questions[1].drop_off"));
        assertTrue(
                report.getString("questions[1].advice")
                        .contains("2 of 15 visitors who reached it (13 %) left the form"),
                report.getString("questions[1].advice"));
        assertEquals(Map.of("reached", 20, "left", 5, "share", 0.25f), report.getMap("questions[0].drop_off"));

        // A number question: one row per range of the form, each lead in the range its answer falls in.
        assertEquals("seats", report.getString("questions[2].question_id"));
        assertEquals(List.of("below 10", "10 to 49", "50 or more"), report.getList("questions[2].answers.label"));
        assertEquals(List.of("..10", "10..50", "50.."), report.getList("questions[2].answers.value"));
        assertEquals(List.of(0, 5, 5), report.getList("questions[2].answers.points"));
        assertEquals(List.of(5, 3, 4), report.getList("questions[2].answers.leads"), "9.5 is below 10; 10 and 49 in");
        assertEquals(List.of(0, 2, 4), report.getList("questions[2].answers.qualified"));
        assertEquals(List.of(0, 1, 4), report.getList("questions[2].answers.won"));
        assertEquals(List.of(1, 3, 4), report.getList("questions[2].answers.closed"));
        assertEquals(
                2.0, report.getDouble("questions[2].answers[2].qualification_lift"), 0.0001, "1.0 against 0.5 overall");
        assertEquals(1.6, report.getDouble("questions[2].answers[2].win_lift"), 0.0001, "4 of 4 against 5 of 8");
        assertEquals(
                "Wins more often than average: give it more points (+2).",
                report.getString("questions[2].answers[2].suggestion"));
        assertEquals(
                "Wins less often than average: give it fewer points (−3).",
                report.getString("questions[2].answers[1].suggestion"),
                "1 of 3 won, a third as often as the best range (4 of 4): 5 points become 2");
        assertEquals(List.of(0, 2, 7), report.getList("questions[2].answers.suggested_points"));
        assertEquals(Map.of("fit", 7), report.getMap("questions[2].answers[2].point_changes"));
        assertEquals(500.0, report.getDouble("questions[2].answers[1].revenue"), 0.001, "the small team with 12 seats");
        assertEquals(4000.0, report.getDouble("questions[2].answers[2].revenue"), 0.001);
        assertEquals("EUR", report.getString("questions[2].answers[2].currency"));
        assertEquals("Too few closed deals to judge.", report.getString("questions[2].answers[0].suggestion"));
        assertTrue(report.getBoolean("questions[2].discriminates"));

        // A rating question scored by ranges: one row per range, labelled by the points of the scale it covers.
        assertEquals("urgency", report.getString("questions[3].question_id"));
        assertEquals(List.of("1 to 3 of 5", "4 to 5 of 5"), report.getList("questions[3].answers.label"));
        assertEquals(List.of("1..4", "4.."), report.getList("questions[3].answers.value"));
        assertEquals(List.of(0, 2), report.getList("questions[3].answers.points"), "from the form's ranges");
        assertEquals(List.of(7, 5), report.getList("questions[3].answers.leads"));
        assertEquals(List.of(2, 4), report.getList("questions[3].answers.qualified"));
        assertEquals(List.of(0, 5), report.getList("questions[3].answers.won"));
        assertEquals(List.of(3, 5), report.getList("questions[3].answers.closed"));
        assertEquals(1.6, report.getDouble("questions[3].answers[1].win_lift"), 0.0001, "5 of 5 against 5 of 8");
        assertEquals(List.of(0, 4), report.getList("questions[3].answers.suggested_points"));
        assertEquals(
                "Wins less often than average; it already gives no points.",
                report.getString("questions[3].answers[0].suggestion"));
        assertTrue(report.getBoolean("questions[3].discriminates"));
        assertEquals(4, report.getList("questions").size(), "email has no kinds of answer to compare");

        assertEquals(
                List.of(Map.of("code", "student", "reason", "Students are not buyers.", "count", 2)),
                report.getList("knockouts"));

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        given().header("Authorization", "Bearer " + token)
                .queryParam("from", today)
                .queryParam("to", today)
                .queryParam("version", "nope")
                .get("/api/reports/report-test")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("funnel.completions");
        assertEquals(
                0,
                given().header("Authorization", "Bearer " + token)
                        .queryParam("version", "nope")
                        .get("/api/reports/report-test")
                        .then()
                        .extract()
                        .jsonPath()
                        .getInt("funnel.completions"),
                "another version has none");
    }

    @Test
    void winRatesDifferOnlyBeyondChance() {
        assertFalse(AnswerInsights.winRatesDiffer(new long[] {3, 2}, new long[] {4, 4}), "3 of 4 against 2 of 4");
        assertTrue(AnswerInsights.winRatesDiffer(new long[] {18, 4}, new long[] {20, 20}), "18 of 20 against 4 of 20");
        assertFalse(
                AnswerInsights.winRatesDiffer(new long[] {5}, new long[] {9}), "one answer has nothing to differ from");
        assertFalse(AnswerInsights.winRatesDiffer(new long[] {4, 4}, new long[] {4, 4}), "all won");
        assertEquals(3.841, AnswerInsights.criticalValue(1), 0.001);
        assertEquals(31.41, AnswerInsights.criticalValue(20), 0.1, "Wilson and Hilferty beyond the table");
        assertEquals(
                List.of(2.0, 3.0),
                List.of(
                        Reports.percentile(List.of(1.0, 2.0, 3.0), 0.5),
                        Reports.percentile(List.of(1.0, 2.0, 3.0), 0.9)));
    }

    private static String submit(String size, String color, String seats, int urgency) {
        return given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers",
                        Map.of(
                                "size",
                                size,
                                "color",
                                color,
                                "seats",
                                seats,
                                "urgency",
                                urgency,
                                "email",
                                DemoAnswers.uniqueEmail("report"))))
                .post("/api/forms/report-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
    }

    private static void outcome(String token, String lead, Map<String, Object> outcome) {
        given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(outcome)
                .post("/api/leads/" + lead + "/outcome")
                .then()
                .statusCode(200);
    }

    private static void funnel(String type, String detail, String visit) {
        Db.update(
                "INSERT INTO funnel_event (form_id, form_version, type, detail, visit, occurred_at) VALUES ('report-test',"
                        + " (SELECT form_version FROM submission WHERE form_id = 'report-test' LIMIT 1), ?, ?, ?, now())",
                type,
                detail,
                visit);
    }
}
