package io.leadgate.admin;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.testing.Browsers;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.PageChecks;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A seeded history in which one answer ("small team") truly predicts won deals: the backtest of a draft that raises
 * that answer's points keeps more won revenue in the qualified bucket and raises the qualified win rate, with the
 * numbers asserted; bad requests get a clear 422.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class BacktestApiTest {

    @Inject
    Users users;

    @TestHTTPResource("/")
    URL base;

    private String marketer;
    private String admin;

    @BeforeEach
    void tokens() {
        marketer = tokenFor("mia.backtest@pipewise.example", Role.MARKETER);
        admin = tokenFor("ada.backtest@pipewise.example", Role.ADMIN);
    }

    private String tokenFor(String email, Role role) {
        User user =
                QuarkusTransaction.requiringNew().call(() -> User.byEmail(email).orElse(null));
        if (user == null) {
            user = users.create(email, email, "a-long-test-password", role);
        }
        return users.issueToken(user.id, "test");
    }

    private RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    static String form(String id, int smallFit) {
        return """
                id: %s
                title: Backtest form
                dimensions:
                  fit: {max: 60}
                  need: {max: 40}
                steps:
                  - id: only
                    questions:
                      - id: size
                        type: single
                        label: Team size
                        required: true
                        options:
                          - {value: big, label: Big, points: {fit: 30}}
                          - {value: small, label: Small, points: {fit: %d}}
                      - id: need
                        type: single
                        label: Need
                        required: true
                        options:
                          - {value: "yes", label: "Yes", points: {need: 40}}
                          - {value: "no", label: "No", points: {need: 0}}
                      - {id: email, type: email, label: Email, required: true}
                outcomes: {qualified: {min: 70}, nurture: {min: 30}}
                routing:
                  qualified:
                    email: [sales@backtest.example]
                """.formatted(id, smallFit);
    }

    private void saveDraft(String id, String yaml) {
        as(marketer)
                .contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .put("/api/forms/" + id + "/draft")
                .then()
                .statusCode(200);
    }

    private void lead(String id, String size, String need, String outcome, int amount) {
        String lead = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers",
                        Map.of(
                                "size",
                                size,
                                "need",
                                need,
                                "email",
                                UUID.randomUUID().toString().substring(0, 8) + "@prospect.example")))
                .post("/api/forms/" + id + "/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        if (outcome != null) {
            as(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("status", outcome, "amount", amount, "currency", "EUR"))
                    .post("/api/leads/" + lead + "/outcome")
                    .then()
                    .statusCode(200);
        }
    }

    /**
     * A published form and ten leads: big teams that need it qualify (two won, two lost), small teams that need it
     * land in nurture yet all four bought, small teams without a need are disqualified. The draft raises "small".
     */
    private String seed() {
        String id = "backtest-" + UUID.randomUUID().toString().substring(0, 8);
        saveDraft(id, form(id, 10));
        as(marketer).post("/api/forms/" + id + "/publish").then().statusCode(201);
        Eventually.holds(() -> given().get("/f/" + id).statusCode() == 200, "the published form is served");
        for (int i = 0; i < 2; i++) {
            lead(id, "big", "yes", "won", 1000); // 70: qualified
            lead(id, "big", "yes", "lost", 0);
        }
        for (int i = 0; i < 4; i++) {
            lead(id, "small", "yes", "won", 2000); // 50: nurture, yet every one of them bought
        }
        for (int i = 0; i < 2; i++) {
            lead(id, "small", "no", null, 0); // 10: disqualified
        }
        saveDraft(id, form(id, 30));
        return id;
    }

    @Test
    void raisingTheAnswerThatPredictsWonDealsKeepsMoreWonRevenueWithSales() {
        String id = seed();

        JsonPath report = as(marketer)
                .contentType(ContentType.JSON)
                .body(Map.of("candidate", "draft", "limit", 3))
                .post("/api/forms/" + id + "/backtests")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(10, report.getInt("leads"));
        assertEquals(4, report.getInt("moves.'nurture -> qualified'"));
        assertEquals(2, report.getInt("moves.'disqualified -> nurture'"));
        assertEquals(6, report.getInt("changed"));
        assertEquals(3, report.getList("changes").size(), "one page of the changed leads");
        assertEquals("nurture", report.getString("changes[0].before"));
        assertEquals(70, report.getInt("changes[0].score_after"));

        assertEquals(2, report.getInt("current.won_qualified"));
        assertEquals(2000, report.getDouble("current.revenue_qualified"), 1e-9);
        assertEquals(4, report.getInt("current.won_nurtured"));
        assertEquals(8000, report.getDouble("current.revenue_nurtured"), 1e-9);
        assertEquals(2, report.getInt("current.lost_qualified"));
        assertEquals(0.5, report.getDouble("current.qualified_win_rate"), 1e-9);

        assertEquals(6, report.getInt("candidate_deals.won_qualified"));
        assertEquals(10000, report.getDouble("candidate_deals.revenue_qualified"), 1e-9);
        assertEquals(0, report.getInt("candidate_deals.won_nurtured"));
        assertEquals(2, report.getInt("candidate_deals.lost_qualified"));
        assertEquals(0.75, report.getDouble("candidate_deals.qualified_win_rate"), 1e-9);

        assertEquals(4, report.getInt("weeks[0].current"));
        assertEquals(8, report.getInt("weeks[0].candidate"));

        // The published version replayed against itself changes nothing: the replay is the live engine's.
        as(marketer)
                .contentType(ContentType.JSON)
                .body(Map.of("candidate", "1"))
                .post("/api/forms/" + id + "/backtests")
                .then()
                .statusCode(200)
                .body("changed", equalTo(0));
    }

    @Test
    void aMarketerBacktestsTheDraftInTheStudioAndSeesTheDealsItKeeps() {
        String id = seed();
        Page page = Browsers.signedIn(base, "mia.backtest@pipewise.example", "a-long-test-password");
        page.navigate(base + "admin/forms/" + id + "/edit");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Backtest on past leads"))
                .click();
        PageChecks.check(page, "studio-backtest-setup");
        page.getByLabel("Candidate").selectOption("draft");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run the backtest"))
                .click();
        Locator deals = page.getByRole(
                AriaRole.TABLE,
                new Page.GetByRoleOptions().setName("Closed deals under the published form and the candidate"));
        assertThat(deals.locator("tr", new Locator.LocatorOptions().setHasText("Won deals sent straight to sales")))
                .containsText("26");
        assertThat(deals.locator("tr", new Locator.LocatorOptions().setHasText("Win rate of qualified leads")))
                .containsText("50 %75 %");
        assertThat(page.getByText("nurture -> qualified: 4")).isVisible();
        assertThat(page.locator("svg[role=img] title").first()).containsText("Win rate of qualified leads");
        PageChecks.check(page, "studio-backtest-results");
        page.context().close();
    }

    @Test
    void badRequestsGetAClear422AndOthersNoAccess() {
        as(marketer)
                .contentType(ContentType.JSON)
                .body(Map.of("candidate", "7"))
                .post("/api/forms/demo-saas/backtests")
                .then()
                .statusCode(422)
                .body("detail", containsString("has no version 7"));
        as(marketer)
                .contentType(ContentType.JSON)
                .body(Map.of("candidate", "1", "from", "2026-12-01", "to", "2026-11-01"))
                .post("/api/forms/demo-saas/backtests")
                .then()
                .statusCode(422)
                .body("detail", containsString("ends (2026-11-01) before it starts"));
        as(marketer)
                .contentType(ContentType.JSON)
                .body(Map.of("candidate", "1", "to", "+999999999-12-31"))
                .post("/api/forms/demo-saas/backtests")
                .then()
                .statusCode(422)
                .body("detail", containsString("Dates lie between 2000-01-01 and 2100-12-31"));
        as(marketer)
                .contentType(ContentType.JSON)
                .body(Map.of("candidate", "1"))
                .post("/api/forms/no-such-form/backtests")
                .then()
                .statusCode(422);
        given().contentType(ContentType.JSON)
                .body(Map.of("candidate", "1"))
                .post("/api/forms/demo-saas/backtests")
                .then()
                .statusCode(401);
    }
}
