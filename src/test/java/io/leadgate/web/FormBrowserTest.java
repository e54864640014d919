package io.leadgate.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Browsers;
import io.leadgate.testing.Db;
import io.leadgate.testing.HostPage;
import io.leadgate.testing.PageChecks;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person in Chromium: on a customer's landing page through the script tag, on the hosted page at phone and
 * desktop widths, without JavaScript, and with the keyboard alone. Every state passes axe-core and the Nu HTML
 * Checker; screenshots land in target/screenshots.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class FormBrowserTest {

    /** Matches the form's minimum fill time, so that a fast test is not taken for a bot. */
    static final long MIN_FILL_MILLIS = 3_500;

    @TestHTTPResource("/")
    URL base;

    private String origin() {
        return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    }

    private static Page open(Browser browser, int width, int height, boolean javascript) {
        BrowserContext context = browser.newContext(
                new Browser.NewContextOptions().setViewportSize(width, height).setJavaScriptEnabled(javascript));
        return context.newPage();
    }

    private static void waitForFillTime(long startedAt) {
        long wait = MIN_FILL_MILLIS - (System.currentTimeMillis() - startedAt);
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aLandingPageEmbedsTheFormWithOneScriptTag() throws Exception {
        String host = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Pipewise: answer leads in seconds</title></head>
                <body><main><h1>Pipewise</h1><p>Sales hears about good leads in seconds.</p>
                <script>
                  window.messages = [];
                  window.addEventListener('message', function (e) { window.messages.push({ origin: e.origin, type: e.data && e.data.type }); });
                  window.leadgateEvents = [];
                  ['ready', 'step', 'resize', 'completed'].forEach(function (type) {
                    document.addEventListener('leadgate:' + type, function (e) { window.leadgateEvents.push(e.detail); });
                  });
                </script>
                <script src="%s/embed.js" data-leadgate-form="demo-saas" data-leadgate-title="Request a Pipewise demo" async></script>
                </main></body></html>
                """.formatted(origin());
        String email = DemoAnswers.uniqueEmail("embedded");
        try (HostPage landing = new HostPage(host)) {
            Page page = open(Browsers.chromium(), 1280, 900, true);
            page.navigate(landing.url("/landing?utm_source=linkedin&utm_campaign=spring"));
            long started = System.currentTimeMillis();
            FrameLocator form = page.frameLocator("iframe[title='Request a Pipewise demo']");
            assertThat(form.getByRole(
                            AriaRole.HEADING,
                            new FrameLocator.GetByRoleOptions().setName("See if Pipewise is a fit for your team")))
                    .isVisible();
            page.waitForFunction("() => window.leadgateEvents.some(e => e.type === 'ready')");
            // The host grows the iframe to the form's height, more than once while fonts and styles arrive; clicking
            // before it settles can land on a moving target. Settled: the same height at two polls 250 ms apart.
            page.waitForFunction("() => window.leadgateEvents.some(e => e.type === 'resize')");
            page.waitForFunction(
                    "() => { const h = document.querySelector('iframe').getBoundingClientRect().height;"
                            + " const settled = window.lastFrameHeight === h; window.lastFrameHeight = h;"
                            + " return settled; }",
                    null,
                    new Page.WaitForFunctionOptions().setPollingInterval(250));
            String frameUrl = page.frames().get(1).url();
            assertTrue(frameUrl.startsWith(origin() + "/f/demo-saas?"), frameUrl);

            form.getByLabel("Leads wait too long for a reply").check();
            Locator otherTool = form.getByLabel("Which tool?");
            assertThat(otherTool).isHidden();
            form.getByLabel("What do you use for leads today?").selectOption("other");
            assertThat(otherTool).isVisible();
            otherTool.fill("Pipedrive");
            form.getByLabel("How many people work in sales?").fill("25");
            followsItsContent(page);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(PageChecks.SCREENSHOTS.resolve("embedded-desktop-step1.png"))
                    .setFullPage(true));
            double firstHeight = iframeHeight(page);

            form.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Next"))
                    .click();
            assertThat(form.getByText("Step 2 of 3")).isVisible();
            assertEquals(frameUrl, page.frames().get(1).url(), "no reload between steps");
            form.locator("#priority-5").check();
            form.getByLabel("Instant sales alerts").check();
            form.getByLabel("This month").check();
            form.getByLabel("More than $20,000").check();
            followsItsContent(page);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(PageChecks.SCREENSHOTS.resolve("embedded-desktop-step2.png"))
                    .setFullPage(true));
            form.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Next"))
                    .click();

            assertThat(form.getByText("Step 3 of 3")).isVisible();
            form.getByLabel("I make the decision").check();
            form.getByLabel("Your name").fill("Ana Silva");
            form.getByLabel("Work email").fill(email);
            form.getByLabel("Company").fill("Acme");
            form.locator("#consent").check();
            followsItsContent(page);
            assertTrue(Math.abs(iframeHeight(page) - firstHeight) > 1, "the iframe grew or shrank with its content");
            waitForFillTime(started);
            form.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Send"))
                    .click();

            assertThat(form.getByRole(
                            AriaRole.HEADING,
                            new FrameLocator.GetByRoleOptions().setName("You're a great fit. Let's talk.")))
                    .isVisible();
            page.waitForFunction("() => window.leadgateEvents.some(e => e.type === 'completed')");
            followsItsContent(page);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(PageChecks.SCREENSHOTS.resolve("embedded-desktop-outcome.png"))
                    .setFullPage(true));

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> events = (List<Map<String, Object>>) page.evaluate("() => window.leadgateEvents");
            List<Object> types =
                    events.stream().map(e -> e.get("type")).distinct().toList();
            assertTrue(types.containsAll(List.of("ready", "step", "resize", "completed")), types.toString());
            assertEquals(
                    "qualified",
                    events.stream()
                            .filter(e -> "completed".equals(e.get("type")))
                            .findFirst()
                            .orElseThrow()
                            .get("outcome"));
            assertTrue(
                    events.stream()
                            .anyMatch(e -> "step".equals(e.get("type"))
                                    && ((Number) e.get("step")).intValue() == 2
                                    && ((Number) e.get("of")).intValue() == 3),
                    events.toString());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> messages = (List<Map<String, Object>>) page.evaluate("() => window.messages");
            assertTrue(
                    messages.stream()
                            .filter(m -> m.get("type") != null)
                            .allMatch(m -> origin().equals(m.get("origin"))),
                    messages.toString());
            page.context().close();
        }
        Map<String, Object> submission = Db.row(
                "SELECT s.hidden_fields, s.referrer FROM submission s JOIN lead l ON l.id = s.lead_id WHERE l.email = ?",
                email);
        assertEquals("{\"utm_campaign\":\"spring\",\"utm_source\":\"linkedin\"}", submission.get("hidden_fields"));
        assertTrue(
                String.valueOf(submission.get("referrer")).startsWith(WithTestForms.hostOrigin() + "/landing"),
                String.valueOf(submission.get("referrer")));
    }

    private static double iframeHeight(Page page) {
        return page.locator("iframe").boundingBox().height;
    }

    /** The iframe's height equals its content's height: no inner scroll bar, no fixed height. */
    private static void followsItsContent(Page page) {
        page.waitForCondition(() -> {
            Object content =
                    page.frames().get(1).evaluate("() => Math.ceil(document.body.getBoundingClientRect().height)");
            return Math.abs(((Number) content).doubleValue() - iframeHeight(page)) <= 2;
        });
    }

    @ParameterizedTest(name = "{0} wide")
    @CsvSource({"phone, 390, 844", "desktop, 1280, 900"})
    void theHostedFormWithJavaScriptPassesEveryCheckInEveryState(String device, int width, int height) {
        Page page = open(Browsers.chromium(), width, height, true);
        page.navigate(origin() + "/f/demo-saas");
        long started = System.currentTimeMillis();
        PageChecks.check(page, "hosted-" + device + "-step1");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next"))
                .click();
        assertThat(page.locator("#challenge-error")).hasText("Please answer this question.");
        assertThat(page.getByText("Step 1 of 3")).isVisible();
        PageChecks.check(page, "hosted-" + device + "-step1-errors");

        page.getByLabel("Sales wastes time on bad leads").check();
        page.getByLabel("What do you use for leads today?").selectOption("other");
        page.getByLabel("Which tool?").fill("Zoho");
        page.getByLabel("How many people work in sales?").fill("8");
        PageChecks.check(page, "hosted-" + device + "-step1-branch");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next"))
                .click();

        assertThat(page.getByText("Step 2 of 3")).isVisible();
        PageChecks.check(page, "hosted-" + device + "-step2");
        page.locator("#priority-3").check();
        page.getByLabel("Within 3 months").check();
        page.getByLabel("Not decided yet").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next"))
                .click();

        assertThat(page.getByText("Step 3 of 3")).isVisible();
        page.getByLabel("I'm gathering information").check();
        page.getByLabel("Your name").fill("Ben Okafor");
        page.getByLabel("Work email").fill(DemoAnswers.uniqueEmail("hosted-" + device));
        page.getByLabel("Company").fill("Okafor & Sons <b>Ltd</b>");
        page.locator("#consent").check();
        PageChecks.check(page, "hosted-" + device + "-step3");
        waitForFillTime(started);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();

        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Thanks, we'll keep you posted")))
                .isVisible();
        assertTrue(page.url().matches(".*/f/demo-saas/done/[0-9a-f-]{36}"), page.url());
        PageChecks.check(page, "hosted-" + device + "-outcome-nurture");
        page.context().close();
    }

    @Test
    void theHostedFormWorksWithoutJavaScript() {
        Page page = open(Browsers.chromium(), 390, 844, false);
        page.navigate(origin() + "/f/demo-saas");
        long started = System.currentTimeMillis();
        page.getByLabel("Leads wait too long for a reply").check();
        page.getByLabel("What do you use for leads today?").selectOption("other");
        page.getByLabel("How many people work in sales?").fill("40");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next"))
                .click();

        assertThat(page.getByText("Step 1 of 3")).isVisible();
        page.getByLabel("Which tool?").fill("Pipedrive");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next"))
                .click();

        assertThat(page.getByText("Step 2 of 3")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Please check 3 answer(s)");
        PageChecks.checkWithoutScripts(page, "nojs-phone-step2-errors");
        page.locator("#priority-4").check();
        page.getByLabel("This month").check();
        page.getByLabel("$5,000 to $20,000").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next"))
                .click();

        assertThat(page.getByText("Step 3 of 3")).isVisible();
        PageChecks.checkWithoutScripts(page, "nojs-phone-step3");
        page.getByLabel("I make the decision").check();
        page.getByLabel("Your name").fill("Chloé Martin");
        String email = DemoAnswers.uniqueEmail("nojs-browser");
        page.getByLabel("Work email").fill(email);
        page.getByLabel("Company").fill("Martin SA");
        page.locator("#consent").check();
        waitForFillTime(started);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();

        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("You're a great fit. Let's talk.")))
                .isVisible();
        PageChecks.checkWithoutScripts(page, "nojs-phone-outcome-qualified");
        assertEquals(
                "Pipedrive",
                ((String) Db.row(
                                        "SELECT s.answers FROM submission s JOIN lead l ON l.id = s.lead_id WHERE l.email = ?",
                                        email)
                                .get("answers"))
                        .replaceAll(".*\"current-tool-other\":\\[\"([^\"]+)\"].*", "$1"));
        page.context().close();
    }

    @Test
    void aKeyboardAloneCompletesTheForm() {
        Page page = open(Browsers.chromium(), 1280, 900, true);
        page.navigate(origin() + "/f/demo-saas");
        long started = System.currentTimeMillis();
        tabTo(page, "#challenge-slow-follow-up");
        page.keyboard().press("Space");
        tabTo(page, "#current-tool");
        page.keyboard().press("ArrowDown");
        tabTo(page, "#sales-team-size");
        page.keyboard().type("12");
        tabTo(page, "[data-role=next]");
        page.keyboard().press("Enter");

        assertThat(page.getByText("Step 2 of 3")).isVisible();
        tabTo(page, "input[name=priority]");
        for (int i = 0; i < 4; i++) {
            page.keyboard().press("ArrowRight");
        }
        tabTo(page, "#features-scoring");
        page.keyboard().press("Space");
        tabTo(page, "input[name=timeframe]");
        page.keyboard().press("Space");
        tabTo(page, "input[name=budget]");
        page.keyboard().press("Space");
        tabTo(page, "[data-role=next]");
        page.keyboard().press("Enter");

        assertThat(page.getByText("Step 3 of 3")).isVisible();
        tabTo(page, "input[name=role]");
        page.keyboard().press("Space");
        tabTo(page, "#name");
        page.keyboard().type("Dana Keys");
        tabTo(page, "#email");
        page.keyboard().type(DemoAnswers.uniqueEmail("keyboard"));
        tabTo(page, "#company");
        page.keyboard().type("Keys Inc");
        tabTo(page, "#consent");
        page.keyboard().press("Space");
        waitForFillTime(started);
        tabTo(page, "[data-role=next]");
        page.keyboard().press("Enter");

        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("You're a great fit. Let's talk.")))
                .isVisible();
        page.context().close();
    }

    /** Presses Tab until the focus is on the element, as a keyboard user would. */
    private static void tabTo(Page page, String selector) {
        for (int i = 0; i < 40; i++) {
            if ((Boolean) page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector)) {
                return;
            }
            page.keyboard().press("Tab");
        }
        throw new AssertionError("Tab never reached " + selector);
    }

    @Test
    void aButtonOnTheLandingPageOpensTheFormInAPopup() throws Exception {
        String host = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Pipewise pricing</title></head>
                <body><main><h1>Pricing</h1>
                <script src="%s/embed.js" data-leadgate-form="demo-saas" data-leadgate-mode="popup"
                        data-leadgate-button="Talk to sales" data-leadgate-title="Request a Pipewise demo" async></script>
                </main></body></html>
                """.formatted(origin());
        try (HostPage landing = new HostPage(host)) {
            Page page = open(Browsers.chromium(), 390, 844, true);
            page.navigate(landing.url("/pricing"));
            Locator dialog = page.locator("dialog.leadgate-dialog");
            assertThat(dialog).isHidden();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Talk to sales"))
                    .click();
            assertThat(dialog).isVisible();
            assertThat(page.frameLocator("iframe[title='Request a Pipewise demo']")
                            .getByText("Step 1 of 3"))
                    .isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(PageChecks.SCREENSHOTS.resolve("popup-phone.png")));
            page.keyboard().press("Escape");
            assertThat(dialog).isHidden();
            page.context().close();
        }
    }

    @Test
    void aHalfFinishedFormResumesInTheSameBrowser() {
        Page page = open(Browsers.chromium(), 1280, 900, true);
        page.navigate(origin() + "/f/demo-saas");
        page.getByLabel("We can't tell which campaigns bring revenue").check();
        page.getByLabel("What do you use for leads today?").selectOption("hubspot");
        page.getByLabel("How many people work in sales?").fill("30");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next"))
                .click();
        assertThat(page.getByText("Step 2 of 3")).isVisible();
        page.getByLabel("This year").check();

        page.navigate(origin() + "/f/demo-saas");
        assertThat(page.getByText("Step 2 of 3")).isVisible();
        assertThat(page.getByLabel("This year")).isChecked();
        assertThat(page.getByLabel("We can't tell which campaigns bring revenue"))
                .isChecked();
        assertThat(page.getByLabel("How many people work in sales?")).hasValue("30");
        page.context().close();
    }

    @Test
    void everyOtherPageAProspectMaySeePassesTheChecks() {
        Page page = open(Browsers.chromium(), 390, 844, true);
        for (Map.Entry<String, Map<String, Object>> outcome : Map.of(
                        "disqualified", DemoAnswers.knockedOut(DemoAnswers.uniqueEmail("ko")),
                        "qualified", DemoAnswers.qualified(DemoAnswers.uniqueEmail("q")))
                .entrySet()) {
            String url = given().contentType(ContentType.JSON)
                    .body(Map.of("answers", outcome.getValue()))
                    .post("/api/forms/demo-saas/submissions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("outcome_url");
            page.navigate(origin() + URI.create(url).getPath());
            assertThat(page.locator("body")).hasAttribute("data-outcome", outcome.getKey());
            PageChecks.check(page, "outcome-" + outcome.getKey());
        }
        page.navigate(origin() + "/f/agency-brief?lang=de");
        PageChecks.check(page, "agency-brief-de-step1");
        page.navigate(origin() + "/f/no-such-form");
        PageChecks.check(page, "not-found");
        page.context().close();
    }
}
