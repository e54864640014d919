package io.leadgate.admin;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Browsers;
import io.leadgate.testing.Db;
import io.leadgate.testing.PageChecks;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A marketer in Chromium builds a form from the starter in the visual editor alone (a second language, a step, a
 * question with a help text shown only after one answer, a knockout that nurtures, a range, thank-you texts in both
 * languages), and the YAML keeps its comments and order while prospects meet exactly that behaviour.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class VisualEditorBrowserTest {

    /** The form's minimum fill time, so that a fast test is not taken for a bot. */
    private static final long MIN_FILL_MILLIS = 3_500;

    private static final String KNOCKOUT = "only-exploring-no-project-yet";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Users users;

    @Test
    void aMarketerBuildsStepsConditionsKnockoutsRangesAndThankYouTextsWithoutYaml() {
        String id = "visual-full-" + UUID.randomUUID().toString().substring(0, 6);
        Page page = signInAsMarketer();
        page.navigate(base + "admin/forms/new");
        page.getByLabel("Name (the form's address: /f/name)").fill(id);
        click(page, "Create the draft");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Visual editor"))
                .click();

        page.getByLabel("Languages (codes").fill("en, de");
        save(page, "Save changes");
        assertThat(page.getByLabel("Question (de)").first()).isVisible();

        page.getByLabel("Title of the new step (en)").fill("Your budget");
        page.getByLabel("Title of the new step (de)").fill("Ihr Budget");
        page.getByLabel("Short name of the new step").fill("budget");
        save(page, "Add the step");
        Locator budgetStep = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Step 3: budget"));
        assertThat(budgetStep.locator(".lg-alert-error")).containsText("empty");
        assertThat(page.locator("#problems-summary")).containsText("1 problem(s)");
        PageChecks.check(page, "studio-visual-problem");

        budgetStep.getByLabel("New question").fill("What yearly budget have you set aside?");
        budgetStep.getByLabel("Answers and their points, one per line").fill("Over $10,000 = 30\nUnder $10,000 = 5");
        budgetStep.getByLabel("Points count on").selectOption("need");
        save(page, "Add the question to step 3");
        save(page, "Move step budget up");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Step 2: budget")))
                .isVisible();
        click(page, "Delete step budget");
        assertThat(page.getByRole(AriaRole.STATUS).first())
                .containsText("tick 'Delete the 1 question(s) of step budget too'");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Step 2: budget")))
                .isVisible();

        Locator firstStep = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Step 1: about"));
        firstStep.getByLabel("New question").fill("What does the problem cost you?");
        firstStep.getByLabel("Its help text (optional)").fill("A rough guess is fine.");
        firstStep
                .getByLabel("Answers and their points, one per line")
                .fill("Less than $1,000 a month = 10\n$1,000 a month or more = 30");
        save(page, "Add the question to step 1");
        Locator cost = group(page, "Question what-does-the-problem-cost-you (single)");
        cost.getByLabel("Show it only after an answer to").selectOption("need");
        save(page, "Save changes");
        group(page, "Question what-does-the-problem-cost-you (single)")
                .getByLabel("A problem solved that costs us today")
                .check();
        save(page, "Save changes");

        page.getByLabel("Reason sales read (en)").fill("Only exploring, no project yet.");
        page.getByLabel("Reason sales read (de)").fill("Schaut sich nur um, noch kein Projekt.");
        page.getByLabel("Where such a lead goes").selectOption("nurture");
        save(page, "Add the knockout reason");
        page.getByLabel("Knockout reason for explore").selectOption(KNOCKOUT);
        save(page, "Save changes");

        Locator newRange = group(page, "New range for desire");
        newRange.getByLabel("From (inclusive)").fill("1");
        newRange.getByLabel("Below").fill("2");
        newRange.getByLabel("desire points").fill("5");
        save(page, "Add the range to desire");

        thankYou(page, "Qualified leads see", "Great, let's talk soon", "Prima, wir sprechen uns bald");
        thankYou(page, "Nurtured leads see", "Thanks, we'll stay in touch", "Danke, wir bleiben in Kontakt");
        thankYou(page, "Disqualified leads see", "Thank you for your time", "Danke für Ihre Zeit");
        save(page, "Save changes");
        assertThat(page.locator("#problems-summary")).containsText("No problems");
        assertThat(group(page, "Nurtured leads see").getByLabel("Thank-you title (de)"))
                .hasValue("Danke, wir bleiben in Kontakt");
        PageChecks.check(page, "studio-visual-full");
        page.setViewportSize(390, 844);
        PageChecks.check(page, "studio-visual-phone");
        assertEquals(
                "",
                page.evaluate("() => [...document.querySelectorAll('body *')]"
                        + ".filter(e => e.getBoundingClientRect().right > 390)"
                        + ".map(e => e.tagName + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))"
                        + ".slice(0, 10).join(', ')"),
                "nothing sticks out of the page at 390 px");
        page.setViewportSize(1280, 900);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← YAML view of " + id))
                .click();
        String yaml = page.locator("#yaml").inputValue();
        assertTrue(
                yaml.startsWith("# yaml-language-server: $schema=../schemas/form.schema.json\n"
                        + "# A starter: what the prospect needs"),
                yaml);
        assertInOrder(
                yaml,
                "\nid: ",
                "\ntitle: ",
                "\nlanguages: [en, de]\n",
                "\ndimensions:",
                "\nknockouts:\n  " + KNOCKOUT
                        + ": {reason: {en: \"Only exploring, no project yet.\", de: \"Schaut sich nur um, noch kein Projekt.\"},"
                        + " route: nurture}\n",
                "\nsteps:",
                "\noutcomes:",
                "\nrouting:");
        assertInOrder(
                yaml,
                "  - id: about\n",
                "  - id: budget\n    title: {en: Your budget, de: Ihr Budget}\n",
                "  - id: contact\n");
        assertInOrder(yaml, "- {value: explore, label: Just exploring, points: {need: 5}, knockout: " + KNOCKOUT + "}");
        assertInOrder(
                yaml,
                "          - {min: 2, max: 4, points: {desire: 15}}\n",
                "          - {min: 1, max: 2, points: {desire: 5}}\n");
        assertInOrder(
                yaml,
                "      - id: what-does-the-problem-cost-you\n        type: single\n",
                "        help: A rough guess is fine.\n        show-if: {question: need, equals: solve-now}\n");
        assertInOrder(
                yaml,
                "  nurture: {min: 30, thank-you: {title: {en: \"Thanks, we'll stay in touch\","
                        + " de: \"Danke, wir bleiben in Kontakt\"}}}\n");
        assertThat(page.locator("#findings")).containsText("No problems");
        click(page, "Publish");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Published as version 1");
        given().get("/f/" + id).then().statusCode(200);

        String knockedOut = DemoAnswers.uniqueEmail("visual-knockout");
        Page prospect = Browsers.chromium()
                .newContext(new Browser.NewContextOptions().setLocale("en-US"))
                .newPage();
        prospect.navigate(base + "f/" + id);
        long started = System.currentTimeMillis();
        Locator costQuestion = prospect.getByText("What does the problem cost you?");
        assertThat(costQuestion).isHidden();
        prospect.getByLabel("Just exploring").check();
        assertThat(costQuestion).isHidden();
        prospect.getByLabel("A problem solved that costs us today").check();
        assertThat(costQuestion).isVisible();
        assertThat(prospect.getByText("A rough guess is fine.")).isVisible();
        prospect.getByLabel("Just exploring").check();
        assertThat(costQuestion).isHidden();
        prospect.locator("#desire-3").check();
        prospect.getByLabel("This month").check();
        next(prospect);
        prospect.getByLabel("Under $10,000").check();
        next(prospect);
        prospect.getByLabel("Your name").fill("Kim Explorer");
        prospect.getByLabel("Work email").fill(knockedOut);
        send(prospect, started);
        assertThat(prospect.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Thanks, we'll stay in touch")))
                .isVisible();
        Map<String, Object> submission = Db.row(
                "SELECT s.verdict, s.knockouts, s.ledger FROM submission s JOIN lead l ON l.id = s.lead_id"
                        + " WHERE l.email = ?",
                knockedOut);
        assertEquals("nurture", String.valueOf(submission.get("verdict")).toLowerCase());
        assertTrue(String.valueOf(submission.get("knockouts")).contains(KNOCKOUT), submission.toString());
        assertTrue(
                String.valueOf(submission.get("ledger")).contains("Only exploring, no project yet."),
                submission.toString());

        String qualified = DemoAnswers.uniqueEmail("visual-qualified");
        Page german = Browsers.chromium()
                .newContext(new Browser.NewContextOptions().setLocale("de-DE"))
                .newPage();
        german.navigate(base + "f/" + id);
        started = System.currentTimeMillis();
        german.getByLabel("A problem solved that costs us today").check();
        german.getByLabel("$1,000 a month or more").check();
        german.locator("#desire-5").check();
        german.getByLabel("This month").check();
        next(german);
        assertThat(german.getByText("Ihr Budget")).isVisible();
        german.getByLabel("Over $10,000").check();
        next(german);
        german.getByLabel("Your name").fill("Kai Käufer");
        german.getByLabel("Work email").fill(qualified);
        send(german, started);
        assertThat(german.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Prima, wir sprechen uns bald")))
                .isVisible();
        assertEquals(
                "qualified",
                String.valueOf(Db.row(
                                        "SELECT s.verdict FROM submission s JOIN lead l ON l.id = s.lead_id"
                                                + " WHERE l.email = ?",
                                        qualified)
                                .get("verdict"))
                        .toLowerCase());
    }

    private Page signInAsMarketer() {
        String email = "vic.visual@pipewise.example";
        QuarkusTransaction.requiringNew().run(() -> {
            if (User.byEmail(email).isEmpty()) {
                users.create(email, "Vic", "a-long-test-password", Role.MARKETER);
            }
        });
        Page page = Browsers.signedIn(base, email, "a-long-test-password");
        return page;
    }

    private static void thankYou(Page page, String outcome, String english, String german) {
        Locator texts = group(page, outcome);
        texts.getByLabel("Thank-you title (en)").fill(english);
        texts.getByLabel("Thank-you title (de)").fill(german);
    }

    private static Locator group(Page page, String name) {
        return page.getByRole(
                AriaRole.GROUP, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void click(Page page, String button) {
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(button).setExact(true))
                .click();
    }

    /** Presses a button of the visual view and waits until the draft is saved. */
    private static void save(Page page, String button) {
        String before = page.url();
        click(page, button);
        page.waitForURL(url -> !url.equals(before) && url.contains("done=saved-"));
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Draft saved");
    }

    private static void next(Page prospect) {
        prospect.locator("[data-role=next]").click();
    }

    private static void send(Page prospect, long startedAt) {
        long wait = MIN_FILL_MILLIS - (System.currentTimeMillis() - startedAt);
        if (wait > 0) {
            prospect.waitForTimeout(wait);
        }
        prospect.locator("[data-role=next]").click();
    }

    private static void assertInOrder(String yaml, String... parts) {
        int from = 0;
        for (String part : List.of(parts)) {
            int at = yaml.indexOf(part, from);
            assertTrue(at >= 0, "'" + part + "' after offset " + from + " in:\n" + yaml);
            from = at + 1;
        }
    }
}
