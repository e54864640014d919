package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.access.Users;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suggestions-to-draft path on a history where one answer truly predicts won deals: the report's suggestions,
 * written into a draft by themselves, raise that answer and lower the one that wins less; the backtest of that draft
 * keeps more won revenue with sales at a higher qualified win rate, with the numbers asserted. Number ranges get their
 * points the same way; a draft in progress, a file-managed form and a report with nothing to suggest are refused.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class SuggestionDraftApiTest {

    @Inject
    Users users;

    private String marketer;
    private String admin;

    @BeforeEach
    void tokens() {
        marketer = SuggestionHistory.token(users, "mia.suggest@pipewise.example", Role.MARKETER);
        admin = SuggestionHistory.token(users, "ada.suggest@pipewise.example", Role.ADMIN);
    }

    private RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    void theSuggestionsBecomeADraftWhoseBacktestKeepsMoreWonRevenueWithSales() {
        String id = SuggestionHistory.seed(marketer, admin);

        JsonPath report = as(marketer)
                .get("/api/reports/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of("big", "small"), report.getList("questions[0].answers.value"));
        assertEquals(List.of(0.5f, 1.0f), report.getList("questions[0].answers.win_rate"));
        assertEquals(List.of(15, 30), report.getList("questions[0].answers.suggested_points"));
        assertEquals(8000.0, report.getDouble("questions[0].answers[1].revenue"), 0.001, "small teams' won revenue");

        JsonPath written = as(marketer)
                .post("/api/forms/" + id + "/suggestions/draft")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/forms/" + id + "/draft"))
                .extract()
                .jsonPath();
        assertEquals(
                List.of(
                        Map.of(
                                "question_id", "size",
                                "question", "Team size",
                                "answer", "big",
                                "answer_label", "Big",
                                "dimension", "fit",
                                "from", 30,
                                "to", 15),
                        Map.of(
                                "question_id", "size",
                                "question", "Team size",
                                "answer", "small",
                                "answer_label", "Small",
                                "dimension", "fit",
                                "from", 10,
                                "to", 30)),
                written.getList("changes"));
        assertEquals(List.of(), written.getList("problems"));

        String draft = as(marketer)
                .get("/api/forms/" + id + "/draft")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(draft.contains("# Team size: the answer the history says to trust more."), "comments are kept");
        assertTrue(draft.contains("- {value: big, label: Big, points: {fit: 15}}"), draft);
        assertTrue(draft.contains("- {value: small, label: Small, points: {fit: 30}}"), draft);
        assertEquals(
                SuggestionHistory.form(id)
                        .replace("points: {fit: 30}}", "points: {fit: 15}}")
                        .replace("points: {fit: 10}}", "points: {fit: 30}}"),
                draft,
                "nothing else changes");

        JsonPath backtest = as(marketer)
                .contentType(ContentType.JSON)
                .body(Map.of("candidate", "draft"))
                .post("/api/forms/" + id + "/backtests")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(10, backtest.getInt("leads"));
        assertEquals(4, backtest.getInt("moves.'nurture -> qualified'"), "small teams that need it: 70 points");
        assertEquals(4, backtest.getInt("moves.'qualified -> nurture'"), "big teams that need it: 55 points");
        assertEquals(2, backtest.getInt("moves.'disqualified -> nurture'"));

        assertEquals(2, backtest.getInt("current.won_qualified"));
        assertEquals(2000, backtest.getDouble("current.revenue_qualified"), 1e-9);
        assertEquals(2, backtest.getInt("current.lost_qualified"));
        assertEquals(0.5, backtest.getDouble("current.qualified_win_rate"), 1e-9);

        assertEquals(4, backtest.getInt("candidate_deals.won_qualified"));
        assertEquals(8000, backtest.getDouble("candidate_deals.revenue_qualified"), 1e-9, "more won revenue kept");
        assertEquals(0, backtest.getInt("candidate_deals.lost_qualified"));
        assertEquals(1.0, backtest.getDouble("candidate_deals.qualified_win_rate"), 1e-9, "a higher win rate");
        assertEquals(2, backtest.getInt("candidate_deals.won_nurtured"));

        // The draft now differs from the published version: it is replaced only when asked.
        as(marketer)
                .post("/api/forms/" + id + "/suggestions/draft")
                .then()
                .statusCode(409)
                .body("detail", containsString("draft in progress"));
        as(marketer)
                .queryParam("replace", true)
                .post("/api/forms/" + id + "/suggestions/draft")
                .then()
                .statusCode(201)
                .body("changes.size()", org.hamcrest.Matchers.equalTo(2));
    }

    @Test
    void numberRangesGetTheirSuggestedPointsInTheDraft() {
        String id = "suggest-ranges-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = """
                id: %s
                title: Seats
                dimensions: {fit: {max: 100}}
                steps:
                  - id: only
                    questions:
                      - id: seats
                        type: number
                        label: Seats
                        required: true
                        ranges:
                          - {max: 10, points: {fit: 10}}
                          - {min: 10}
                      - {id: email, type: email, label: Email, required: true}
                outcomes: {qualified: {min: 70}, nurture: {min: 30}}
                routing:
                  qualified:
                    email: [sales@suggestions.example]
                """.formatted(id);
        SuggestionHistory.publish(marketer, id, yaml);
        for (int i = 0; i < 4; i++) {
            SuggestionHistory.lead(admin, id, Map.of("seats", "50"), "won", 500);
            SuggestionHistory.lead(admin, id, Map.of("seats", "5"), i < 2 ? "won" : "lost", 500);
        }

        JsonPath written = as(marketer)
                .post("/api/forms/" + id + "/suggestions/draft")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertEquals(List.of("..10", "10.."), written.getList("changes.answer"));
        assertEquals(List.of("below 10", "10 or more"), written.getList("changes.answer_label"));
        assertEquals(List.of(10, 0), written.getList("changes.from"));
        assertEquals(List.of(5, 10), written.getList("changes.to"), "half as many wins, half the points; the best");
        String draft =
                as(marketer).get("/api/forms/" + id + "/draft").then().extract().asString();
        assertTrue(draft.contains("- {max: 10, points: {fit: 5}}"), draft);
        assertTrue(draft.contains("- {min: 10, points: {fit: 10}}"), "a range without points gets them: " + draft);
    }

    @Test
    void nothingToSuggestAFileManagedFormAndStrangersAreRefused() {
        String id = "suggest-none-" + UUID.randomUUID().toString().substring(0, 8);
        SuggestionHistory.publish(marketer, id, SuggestionHistory.form(id));
        SuggestionHistory.lead(admin, id, Map.of("size", "big", "need", "yes"), null, 0);
        as(marketer)
                .post("/api/forms/" + id + "/suggestions/draft")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("suggests no change of points"));
        as(marketer)
                .queryParam("from", "2026-12-01")
                .queryParam("to", "2026-11-01")
                .post("/api/forms/" + id + "/suggestions/draft")
                .then()
                .statusCode(422);
        as(marketer)
                .post("/api/forms/report-test/suggestions/draft")
                .then()
                .statusCode(409)
                .body("detail", containsString("manages this form"));
        as(marketer).post("/api/forms/no-such-form/suggestions/draft").then().statusCode(404);
        given().post("/api/forms/" + id + "/suggestions/draft").then().statusCode(401);

        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/api/forms/{formId}/suggestions/draft'.post.responses.'422'", notNullValue())
                .body("paths.'/api/forms/{formId}/suggestions/draft'.post.responses.'201'", notNullValue());
    }
}
