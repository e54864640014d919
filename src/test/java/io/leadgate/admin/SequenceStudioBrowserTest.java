package io.leadgate.admin;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Browsers;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Mailbox;
import io.leadgate.testing.PageChecks;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A marketer in Chromium copies a file-managed nurture sequence into the studio, changes its first email and sees the
 * rendered subject, HTML and text follow, publishes it and meets a typo's problem; the rendered emails carry sample
 * data only and run no script.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class SequenceStudioBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Users users;

    @BeforeAll
    static void servers() {
        Mailbox.get();
        Receiver.get();
    }

    private Page signInAsMarketer() {
        String email = "sam.sequences@pipewise.example";
        QuarkusTransaction.requiringNew().run(() -> {
            if (User.byEmail(email).isEmpty()) {
                users.create(email, "Sam", "a-long-test-password", Role.MARKETER);
            }
        });
        Page page = Browsers.signedIn(base, email, "a-long-test-password");
        return page;
    }

    /** Replaces the whole document in the CodeMirror editor, as a paste would. */
    private static void typeYaml(Page page, String yaml) {
        page.locator(".cm-content").click();
        page.keyboard().press("ControlOrMeta+a");
        page.keyboard().insertText(yaml);
    }

    private static void click(Page page, String button) {
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(button).setExact(true))
                .click();
    }

    private static FrameLocator emailFrame(Page page, int number, String step) {
        return page.frameLocator("iframe[title='HTML version of email " + number + " (" + step + ")']");
    }

    @Test
    void aMarketerCopiesASequenceChangesAnEmailSeesItRenderedAndPublishes() {
        String copy = "saas-copy-" + UUID.randomUUID().toString().substring(0, 6);
        Page page = signInAsMarketer();
        page.navigate(base + "admin/nurture");
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("View the YAML and preview the emails of SaaS nurture"))
                .click();

        assertThat(page.getByText("managed in files")).isVisible();
        assertThat(page.locator(".cm-content")).hasAttribute("aria-readonly", "true");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")))
                .hasCount(0);
        assertThat(page.locator("#email-1-subject")).hasText("Alex, the 5-minute rule for lead response");
        assertThat(page.locator("#email-3-subject")).hasText("Still looking at Sample Company Ltd's lead follow-up?");
        assertThat(emailFrame(page, 1, "speed-guide").getByText("Hi Alex,")).isVisible();
        PageChecks.check(page, "sequence-studio-file-managed");
        Page email = page.context().newPage();
        email.navigate(base + "admin/sequences/saas-nurture/emails/1/preview.html");
        PageChecks.checkWithoutScripts(email, "sequence-studio-email");
        email.close();

        page.getByLabel("Name of the copy").fill(copy);
        click(page, "Copy into the studio");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Edit sequence " + copy)))
                .isVisible();
        assertThat(page.locator(".cm-content")).not().hasAttribute("aria-readonly", "true");
        assertThat(page.locator("#findings")).containsText("No problems");

        String yaml = page.locator("#yaml").inputValue();
        typeYaml(
                page,
                yaml.replace("the 5-minute rule for lead response", "five minutes that win a lead")
                        .replace("telling us about your pipeline", "telling us about your sales team"));
        click(page, "Save draft");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Draft saved");
        assertThat(page.locator("#email-1-subject")).hasText("Alex, five minutes that win a lead");
        FrameLocator html = emailFrame(page, 1, "speed-guide");
        assertThat(html.getByText("Thanks for telling us about your sales team."))
                .isVisible();
        assertThat(html.getByRole(AriaRole.LINK, new FrameLocator.GetByRoleOptions().setName("answer two questions")))
                .hasAttribute("href", Pattern.compile("^https?://[^/]+/r/example-token$"));
        assertThat(html.getByText("You receive this email because you answered “Sample form”."))
                .isVisible();
        Locator text = page.locator("#email-1-text");
        assertThat(text).containsText("Thanks for telling us about your sales team.");
        assertThat(text).containsText("Unsubscribe with one click: ");
        assertThat(text).not().containsText("telling us about your pipeline");
        PageChecks.check(page, "sequence-studio-edit");

        click(page, "Publish");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Published as version 1");
        assertThat(page.locator(".lg-audit")).containsText("published by sam.sequences@pipewise.example");
        assertThat(page.locator("#email-1-subject")).hasText("Alex, five minutes that win a lead");

        String published = page.locator("#yaml").inputValue();
        int line = published
                .substring(0, published.indexOf("    subject: \"Lead scoring"))
                .split("\n", -1)
                .length;
        typeYaml(page, published.replace("    subject: \"Lead scoring", "    subjet: \"Lead scoring"));
        Locator findings = page.locator("#findings");
        assertThat(findings).containsText("Line " + line + ", column");
        assertThat(findings).containsText("subjet");
        click(page, "Publish");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("not published: fix the problems below");
        assertThat(findings).containsText("subjet");
        assertThat(page.getByText("The emails of the published version, because the saved draft has problems"))
                .isVisible();
        assertThat(page.locator("#email-1-subject")).hasText("Alex, five minutes that win a lead");
        PageChecks.check(page, "sequence-studio-problem");

        page.navigate(base + "admin/nurture");
        assertThat(page.getByRole(
                                AriaRole.LINK,
                                new Page.GetByRoleOptions()
                                        .setName("Edit the YAML and preview the emails of SaaS nurture"))
                        .first())
                .isVisible();
    }

    @Test
    void theRenderedEmailShowsSampleDataOnlyAndRunsNoScript() {
        String prospect = "Priya Prospect";
        String email = DemoAnswers.uniqueEmail("priya");
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers",
                        Map.of("fit", "yes", "timing", "later", "budget", "small", "name", prospect, "email", email)))
                .post("/api/forms/nurture-test/submissions")
                .then()
                .statusCode(201);
        // A real lead of this sequence exists and was sent its first email: the studio still shows only Alex Sample.
        Eventually.holds(() -> !Mailbox.to(email).isEmpty(), "the prospect's first nurture email");

        Page page = signInAsMarketer();
        page.navigate(base + "admin/sequences/nurture-three/edit");
        assertThat(page.locator("#email-1-subject")).hasText("Alex, step 1 of 3");
        Locator frame = page.locator("iframe[title='HTML version of email 1 (first)']");
        assertThat(frame).hasAttribute("sandbox", "");
        assertThat(emailFrame(page, 1, "first").getByText("Hello Alex Sample, you said your budget is sample budget."))
                .isVisible();
        assertThat(page.locator("main")).not().containsText(prospect);

        APIResponse preview = page.request().get(base + "admin/sequences/nurture-three/emails/1/preview.html");
        assertEquals(200, preview.status());
        assertTrue(
                preview.headers().get("content-type").startsWith("text/html"),
                preview.headers().toString());
        String policy = preview.headers().get("content-security-policy");
        assertTrue(policy.startsWith("sandbox;") && policy.contains("default-src 'none'"), policy);
        assertTrue(preview.text().contains("Hello Alex Sample"), preview.text());
        assertFalse(preview.text().contains(prospect), preview.text());
        assertFalse(preview.text().contains(email), preview.text());

        // A template that carries a script: the copy's preview shows the email, and the script never runs.
        String copy = "three-copy-" + UUID.randomUUID().toString().substring(0, 6);
        page.getByLabel("Name of the copy").fill(copy);
        click(page, "Copy into the studio");
        String yaml = page.locator("#yaml").inputValue();
        typeYaml(
                page,
                yaml.replace(
                        "<p>Hello {lead.name},",
                        "<script>document.body.dataset.scriptRan = 1</script><p>Hello {lead.name},"));
        click(page, "Save draft");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Draft saved");
        FrameLocator html = emailFrame(page, 1, "first");
        assertThat(html.getByText("Hello Alex Sample")).isVisible();
        assertThat(html.locator("body[data-script-ran]")).hasCount(0);
        page.navigate(base + "admin/sequences/" + copy + "/emails/1/preview.html");
        assertThat(page.getByText("Hello Alex Sample")).isVisible();
        assertThat(page.locator("body[data-script-ran]")).hasCount(0);
    }
}
