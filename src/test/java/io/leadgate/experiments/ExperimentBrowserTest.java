package io.leadgate.experiments;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.testing.Browsers;
import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.PageChecks;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A marketer starts a 50/50 experiment in the back office; two browsers land on different variants and keep them
 * across reloads, each sends the questionnaire, the experiment page counts both, and "promote" publishes the winner.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class ExperimentBrowserTest {

    private static final long MIN_FILL_MILLIS = 3100;

    @Inject
    Users users;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aMarketerRunsA5050ExperimentAndPromotesTheWinner() {
        String email = "mia.abtest@pipewise.example";
        User marketer =
                QuarkusTransaction.requiringNew().call(() -> User.byEmail(email).orElse(null));
        if (marketer == null) {
            marketer = users.create(email, "Mia", "a-long-test-password", Role.MARKETER);
        }
        String token = users.issueToken(marketer.id, "test");
        String id = "ab-" + UUID.randomUUID().toString().substring(0, 8);
        put(token, id, ExperimentApiTest.form(id, "Plan A", 10));
        given().header("Authorization", "Bearer " + token)
                .post("/api/forms/" + id + "/publish")
                .then()
                .statusCode(201);
        put(token, id, ExperimentApiTest.form(id, "Plan B", 30));

        Page page = Browsers.signedIn(base, email, "a-long-test-password");
        page.navigate(base + "admin/forms/" + id + "/edit");
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Experiments").setExact(true))
                .click();
        assertThat(page.getByLabel("Variant A (control)")).hasValue("published");
        assertThat(page.getByLabel("Variant B", new Page.GetByLabelOptions().setExact(true)))
                .hasValue("draft");
        PageChecks.check(page, "experiments-start");
        page.getByLabel("Name (optional)").fill("Small teams qualify");
        page.getByLabel("Share of visitors, % (variant A)").fill("50");
        page.getByLabel("Share of visitors, % (variant B)").fill("50");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start the experiment"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Small teams qualify")))
                .isVisible();
        assertThat(page.getByText("Too early to call")).isVisible();
        String experimentPage = page.url();
        page.navigate(base + "admin/forms/" + id + "/edit");
        assertThat(page.getByText("is running on this form")).isVisible();
        page.navigate(experimentPage);

        // Visitors (each a fresh browser) are drawn by the split; find one on each variant.
        Map<String, Page> visitors = new HashMap<>();
        Map<String, Integer> views = new HashMap<>();
        for (int i = 0; i < 40 && visitors.size() < 2; i++) {
            BrowserContext context = Browsers.chromium().newContext();
            Page visitor = context.newPage();
            visitor.navigate(base + "f/" + id);
            String title = visitor.locator("h1").textContent();
            views.merge(title, 1, Integer::sum);
            if (visitors.putIfAbsent(title, visitor) != null) {
                context.close();
            }
        }
        assertEquals(2, visitors.size(), "two browsers landed on different variants: " + visitors.keySet());

        for (Map.Entry<String, Page> visitor : visitors.entrySet()) {
            Page prospect = visitor.getValue();
            prospect.reload();
            assertThat(prospect.locator("h1")).hasText(visitor.getKey());
            prospect.reload();
            assertThat(prospect.locator("h1")).hasText(visitor.getKey());
            long started = System.currentTimeMillis();
            prospect.getByLabel("Small").check();
            prospect.getByLabel("Yes").check();
            prospect.getByLabel("Email").fill(UUID.randomUUID().toString().substring(0, 8) + "@prospect.example");
            long wait = MIN_FILL_MILLIS - (System.currentTimeMillis() - started);
            if (wait > 0) {
                prospect.waitForTimeout(wait);
            }
            prospect.locator("[data-role=next]").click();
            assertThat(prospect.locator("h1")).not().hasText(visitor.getKey());
            prospect.context().close();
        }
        assertEquals(
                2L,
                ((Number) Db.row("SELECT COUNT(DISTINCT variant) AS n FROM submission WHERE form_id = ?", id)
                                .get("n"))
                        .longValue(),
                "each browser's lead records its own variant");

        // The experiment page shows both variants with their counts: every landing plus two reloads, one completion.
        Locator rowA = page.locator("tr[data-variant=A]");
        Locator rowB = page.locator("tr[data-variant=B]");
        String viewsA = String.valueOf(views.get("Plan A") + 2);
        String viewsB = String.valueOf(views.get("Plan B") + 2);
        Eventually.holds(
                () -> {
                    page.reload();
                    return rowA.locator("[data-views]").textContent().equals(viewsA)
                            && rowB.locator("[data-views]").textContent().equals(viewsB)
                            && "1".equals(rowA.locator("[data-completions]").getAttribute("data-completions"))
                            && "1".equals(rowB.locator("[data-completions]").getAttribute("data-completions"));
                },
                "both variants' views are counted");
        assertThat(rowA.locator("th")).hasText("A: published");
        assertThat(rowB.locator("th")).hasText("B: draft");
        assertThat(rowA.locator("td").nth(2)).hasText(Math.round(100.0 / (views.get("Plan A") + 2)) + " %");
        assertThat(rowA.locator("td").nth(3)).hasText("0 %");
        assertThat(rowB.locator("td").nth(3)).hasText("100 %");
        assertThat(rowB.locator("td").nth(4)).hasText("1");
        assertThat(page.locator("svg[role=img] title").first()).containsText("Qualified leads per 1,000 views");
        PageChecks.check(page, "experiment-results");
        page.setViewportSize(390, 844);
        PageChecks.check(page, "experiment-results-phone");
        page.setViewportSize(1280, 900);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Promote B (draft)"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("The variant is published");
        assertThat(page.getByText("variant B promoted, published as version 2")).isVisible();
        given().get("/f/" + id).then().body(containsString("<h1>Plan B</h1>"));
        assertTrue(
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Promote A (published)"))
                                .count()
                        == 0,
                "an ended experiment offers nothing to promote");
        page.context().close();
    }

    private static void put(String token, String id, String yaml) {
        given().header("Authorization", "Bearer " + token)
                .contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .put("/api/forms/" + id + "/draft")
                .then()
                .statusCode(200);
    }
}
