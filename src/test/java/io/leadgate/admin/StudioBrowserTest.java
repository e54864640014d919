package io.leadgate.admin;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.testing.Browsers;
import io.leadgate.testing.HostPage;
import io.leadgate.testing.PageChecks;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A marketer in Chromium creates a form from the starter, sees a typo's problem at its line while typing, publishes,
 * changes a question, publishes again and restores version 1; demo forms show read-only with their file.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class StudioBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Users users;

    private Page signInAsMarketer() {
        String email = "mia.browser@pipewise.example";
        QuarkusTransaction.requiringNew().run(() -> {
            if (User.byEmail(email).isEmpty()) {
                users.create(email, "Mia", "a-long-test-password", Role.MARKETER);
            }
        });
        Page page = Browsers.signedIn(base, email, "a-long-test-password");
        return page;
    }

    /** The YAML as the form will save it (the hidden textarea CodeMirror keeps in step). */
    private static String yamlOf(Page page) {
        return page.locator("#yaml").inputValue();
    }

    /** Replaces the whole document in the CodeMirror editor, as a paste would. */
    private static void typeYaml(Page page, String yaml) {
        Locator editor = page.locator(".cm-content");
        editor.click();
        page.keyboard().press("ControlOrMeta+a");
        page.keyboard().insertText(yaml);
    }

    private static void click(Page page, String button) {
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(button).setExact(true))
                .click();
    }

    @Test
    void aMarketerCreatesPublishesChangesAndRestoresAForm() {
        String id = "webinar-" + UUID.randomUUID().toString().substring(0, 6);
        Page page = signInAsMarketer();
        page.navigate(base + "admin/forms");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New form"))
                .click();
        PageChecks.check(page, "studio-new");
        page.getByLabel("Name (the form's address: /f/name)").fill(id);
        click(page, "Create the draft");

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Edit " + id)))
                .isVisible();
        Locator findings = page.locator("#findings");
        assertThat(findings).containsText("No problems");
        assertThat(page.locator(".cm-content")).isVisible();
        PageChecks.check(page, "studio-edit");

        String yaml = yamlOf(page);
        int line = yaml.substring(0, yaml.indexOf("type: single")).split("\n", -1).length;
        typeYaml(page, yaml.replaceFirst("type: single", "type: singel"));
        assertThat(findings).containsText("Line " + line + ", column");
        assertThat(findings).containsText("singel");
        Locator typoLine = page.locator(".cm-line").nth(line - 1);
        assertThat(typoLine).containsText("singel");
        assertThat(typoLine.locator(".cm-lintRange-error")).isVisible();
        PageChecks.check(page, "studio-edit-problem");
        findings.getByRole(AriaRole.BUTTON).first().click();
        assertThat(page.locator(".cm-content")).isFocused();

        typeYaml(page, yaml);
        assertThat(findings).containsText("No problems");
        click(page, "Publish");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Published as version 1");
        given().get("/f/" + id).then().statusCode(200).body(containsString("What do you need most?"));

        typeYaml(page, yamlOf(page).replace("What do you need most?", "What do you need first?"));
        click(page, "Publish");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Published as version 2");
        given().get("/f/" + id).then().statusCode(200).body(containsString("What do you need first?"));

        page.onDialog(dialog -> dialog.accept());
        click(page, "Restore version 1");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Published as version 3");
        given().get("/f/" + id)
                .then()
                .statusCode(200)
                .body(containsString("What do you need most?"))
                .body(not(containsString("What do you need first?")));
        assertThat(page.locator(".lg-audit")).containsText("restored by mia.browser@pipewise.example");

        page.getByLabel("Compare version").selectOption("1");
        page.getByLabel("with version").selectOption("2");
        click(page, "Show the changes");
        assertThat(page.locator("tr.lg-diff-added")).containsText("What do you need first?");
        assertThat(page.locator("tr.lg-diff-removed")).containsText("What do you need most?");
        PageChecks.check(page, "studio-diff");
    }

    @Test
    void aMarketerWhoNeverSawYamlBuildsAFormVisuallyAndALandingPageEmbedsIt() throws Exception {
        String id = "visual-" + UUID.randomUUID().toString().substring(0, 6);
        Page page = signInAsMarketer();
        page.navigate(base + "admin/forms/new");
        page.getByLabel("Name (the form's address: /f/name)").fill(id);
        click(page, "Create the draft");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Visual editor"))
                .click();
        PageChecks.check(page, "studio-visual");

        page.getByLabel("New question").first().fill("How big is your sales team?");
        page.getByLabel("Answers and their points, one per line")
                .first()
                .fill("1 to 5 = 10\n6 to 20 = 25\nMore than 20 = 40");
        page.getByLabel("Points count on").first().selectOption("need");
        page.getByLabel("Required").first().check();
        click(page, "Add the question to step 1");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Draft saved");
        assertThat(page.getByText("Question how-big-is-your-sales-team")).isVisible();

        page.getByLabel("Qualified from score").fill("75");
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Draft saved");
        assertThat(page.getByLabel("Qualified from score")).hasValue("75");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← YAML view of " + id))
                .click();
        String yaml = yamlOf(page);
        assertTrue(yaml.contains("# A starter: what the prospect needs"), "comments stay");
        assertTrue(yaml.contains("qualified: {min: 75}"), yaml);
        assertThat(page.frameLocator("iframe[title='Step 1 of the draft on a phone']")
                        .getByText("How big is your sales team?"))
                .isVisible();
        assertThat(page.frameLocator("iframe[title='Step 1 of the draft on a desktop']")
                        .getByLabel("More than 20"))
                .isVisible();

        typeYaml(page, yaml + "embed: {allowed-origins: [\"" + WithTestForms.hostOrigin() + "\"]}\n");
        click(page, "Publish");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Published as version 1");

        String host = """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Webinar</title></head><body><main>
                <h1>Our webinar</h1>
                <script src="%sembed.js" data-leadgate-form="%s" data-leadgate-title="Webinar sign-up" async></script>
                </main></body></html>
                """.formatted(base, id);
        try (HostPage landing = new HostPage(host)) {
            Page visitor = Browsers.chromium().newPage();
            visitor.navigate(landing.url("/webinar"));
            assertThat(visitor.frameLocator("iframe[title='Webinar sign-up']").getByText("How big is your sales team?"))
                    .isVisible();
            visitor.close();
        }
    }

    @Test
    void theYamlViewWorksByKeyboardAndSuggestsKeysFromTheSchema() {
        String id = "keyboard-" + UUID.randomUUID().toString().substring(0, 6);
        Page page = signInAsMarketer();
        page.navigate(base + "admin/forms/new");
        page.getByLabel("Name (the form's address: /f/name)").fill(id);
        click(page, "Create the draft");
        assertThat(page.locator("#findings")).containsText("No problems");

        Locator editor = page.locator(".cm-content");
        for (int presses = 0; presses < 40 && !isFocused(editor); presses++) {
            page.keyboard().press("Tab");
        }
        assertThat(editor).isFocused();
        page.keyboard().press("ControlOrMeta+End");
        page.keyboard().type("emb");
        assertThat(page.locator(".cm-tooltip-autocomplete li[aria-selected]")).containsText("embed");
        // The editor ignores Enter for a moment after the list opens, so that fast typists never pick by accident.
        page.waitForTimeout(300);
        page.keyboard().press("Enter");
        page.keyboard().type("{allowed-origins: [\"https://landing.example\"]}");
        assertThat(page.locator("#findings")).containsText("No problems");
        assertTrue(yamlOf(page).contains("embed: {allowed-origins: [\"https://landing.example\"]}"), yamlOf(page));

        page.keyboard().press("Tab");
        assertThat(editor).not().isFocused();
        Locator publish = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish"));
        for (int presses = 0; presses < 10 && !isFocused(publish); presses++) {
            page.keyboard().press("Tab");
        }
        assertThat(publish).isFocused();
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Published as version 1");
        assertTrue(yamlOf(page).contains("https://landing.example"));
    }

    @Test
    void theSimulatorScoresTheDraftAskingLikeTheFormAndRespectsShowIf() {
        String id = "simulated-" + UUID.randomUUID().toString().substring(0, 6);
        Page page = signInAsMarketer();
        page.navigate(base + "admin/forms/new");
        page.getByLabel("Name (the form's address: /f/name)").fill(id);
        click(page, "Create the draft");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Score simulator on this draft"))
                .click();
        page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("What do you need most?"))
                .getByLabel("Something better than what we have")
                .check();
        page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("When do you want to start?"))
                .getByLabel("This month")
                .check();
        // Scored as the answers change, without pressing Simulate: need 25 + timeframe 30 against qualified 70.
        assertThat(page.locator("#result")).containsText("Score 55");
        assertThat(page.locator("#simulator-distance")).containsText("Qualified from 70: 15 points short.");
        assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("How important is this for you?"))
                        .getByLabel("5 (Top priority)"))
                .isVisible();
        PageChecks.check(page, "studio-simulator");

        page.navigate(base + "admin/forms/agency-brief");
        assertThat(page.locator("#sim-platforms-skipped"))
                .containsText("shown when “What do you need?” is A mobile or web app");
        page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("What do you need?"))
                .getByLabel("A mobile or web app")
                .check();
        assertThat(page.getByRole(
                                AriaRole.GROUP,
                                new Page.GetByRoleOptions().setName("Which platforms should the app run on?"))
                        .getByLabel("iOS"))
                .isVisible();
        assertThat(page.locator("#result")).containsText("Score");
    }

    @Test
    void thePreviewShowsEachLanguageOfTheDraft() {
        String id = "bilingual-" + UUID.randomUUID().toString().substring(0, 6);
        Page page = signInAsMarketer();
        page.navigate(base + "admin/forms/new");
        page.getByLabel("Name (the form's address: /f/name)").fill(id);
        page.getByLabel("Agency project brief, English and German (agency-brief)")
                .check();
        click(page, "Create the draft");
        page.getByLabel("Preview in").selectOption("de");
        click(page, "Show this language");
        assertThat(page.frameLocator("iframe[title='Step 1 of the draft on a desktop']")
                        .getByText("Was brauchen Sie?"))
                .isVisible();
    }

    private static boolean isFocused(Locator locator) {
        return (Boolean) locator.evaluate("element => element === element.getRootNode().activeElement");
    }

    @Test
    void draftsSaveThemselvesAndTwoEditorsGetAConflictNotALoss() {
        String id = "autosave-" + UUID.randomUUID().toString().substring(0, 6);
        Page first = signInAsMarketer();
        first.navigate(base + "admin/forms/new");
        first.getByLabel("Name (the form's address: /f/name)").fill(id);
        click(first, "Create the draft");
        Page second = signInAsMarketer();
        second.navigate(base + "admin/forms/" + id + "/edit");

        typeYaml(first, yamlOf(first).replace("Tell us about your project", "Tell us about your webinar"));
        assertThat(first.locator("#save-status")).containsText("Draft saved at");
        given().get("/f/" + id).then().statusCode(404);

        typeYaml(second, yamlOf(second).replace("Tell us about your project", "A stale edit"));
        assertThat(second.locator("#save-status")).containsText("Someone else saved this draft");
        assertThat(second.locator(".cm-content")).containsText("A stale edit");

        first.reload();
        assertThat(first.locator(".cm-content")).containsText("Tell us about your webinar");
    }

    @Test
    void aFormManagedByAFileIsReadOnlyAndCanBeCopied() {
        Page page = signInAsMarketer();
        page.navigate(base + "admin/forms/demo-saas/edit");
        assertThat(page.getByText("managed in files")).isVisible();
        assertThat(page.locator(".cm-content")).hasAttribute("aria-readonly", "true");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")))
                .hasCount(0);
        assertThat(page.locator(".cm-content")).isVisible();
        PageChecks.check(page, "studio-file-managed");
        String copy = "demo-copy-" + UUID.randomUUID().toString().substring(0, 6);
        page.getByLabel("Name of the copy").fill(copy);
        click(page, "Copy into the studio");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Edit " + copy)))
                .isVisible();
        assertThat(page.locator(".cm-content")).not().hasAttribute("aria-readonly", "true");
        assertThat(page.locator("#findings")).containsText("No problems");
    }
}
