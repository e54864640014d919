package io.leadgate.admin;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.leadgate.access.Role;
import io.leadgate.access.Users;
import io.leadgate.testing.Browsers;
import io.leadgate.testing.PageChecks;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A marketer reads the report of a form whose history says small teams buy, clicks "Create a draft from these
 * suggestions", lands in the studio on the draft with the new points, and backtests it; a second click finds the draft
 * in progress and replaces it only once "replace my draft" is ticked. Every page passes axe and the Nu checker.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class SuggestionDraftBrowserTest {

    static final String MARKETER = "mio.suggest@pipewise.example";

    @Inject
    Users users;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aMarketerTurnsTheReportsSuggestionsIntoADraftAndBacktestsIt() {
        String marketer = SuggestionHistory.token(users, MARKETER, Role.MARKETER);
        String admin = SuggestionHistory.token(users, "ado.suggest@pipewise.example", Role.ADMIN);
        String id = SuggestionHistory.seed(marketer, admin);

        Page page = Browsers.signedIn(base, MARKETER, SuggestionHistory.PASSWORD);
        page.navigate(base + "admin/reports/" + id);
        Locator size = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Answers to Team size"));
        assertThat(size.locator("tr", new Locator.LocatorOptions().setHasText("Small")))
                .containsText("Wins more often than average: give it more points (+20).");
        assertThat(page.getByText("The suggestions below change the points of 2 answer(s)."))
                .isVisible();
        assertThat(page.getByRole(
                        AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName("Questions that do not tell leads apart")))
                .isVisible();
        PageChecks.check(page, "report-suggestions");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create a draft from these suggestions"))
                .click();
        page.waitForURL("**/admin/forms/" + id + "/edit?done=suggested-2");
        assertThat(page.getByRole(AriaRole.STATUS).first())
                .containsText("Draft written from the report's suggestions: 2 change(s) of points.");
        String yaml = page.locator("#yaml").inputValue();
        assertTrue(yaml.contains("- {value: small, label: Small, points: {fit: 30}}"), yaml);
        assertTrue(yaml.contains("- {value: big, label: Big, points: {fit: 15}}"), yaml);
        PageChecks.check(page, "studio-suggested-draft");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Backtest on past leads"))
                .click();
        page.getByLabel("Candidate").selectOption("draft");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run the backtest"))
                .click();
        Locator deals = page.getByRole(
                AriaRole.TABLE,
                new Page.GetByRoleOptions().setName("Closed deals under the published form and the candidate"));
        assertThat(deals.locator("tr", new Locator.LocatorOptions().setHasText("Won deals sent straight to sales")))
                .containsText("24");
        assertThat(deals.locator("tr", new Locator.LocatorOptions().setHasText("Win rate of qualified leads")))
                .containsText("50 %100 %");

        // Again: the draft is in progress now, so it is replaced only once the marketer ticks the box.
        page.navigate(base + "admin/reports/" + id);
        Response refused = page.waitForResponse(
                r -> r.url().endsWith("/suggestions/draft"),
                () -> page.getByRole(
                                AriaRole.BUTTON,
                                new Page.GetByRoleOptions().setName("Create a draft from these suggestions"))
                        .click());
        assertEquals(409, refused.status());
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("This form has a draft in progress");
        PageChecks.check(page, "report-suggestions-refused");
        page.getByLabel("Replace my draft").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create a draft from these suggestions"))
                .click();
        page.waitForURL("**/admin/forms/" + id + "/edit?done=suggested-2");
        page.context().close();
    }
}
