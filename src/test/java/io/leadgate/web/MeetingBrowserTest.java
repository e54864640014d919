package io.leadgate.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Browsers;
import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.PageChecks;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18.4 in Chromium at phone width: a prospect arrives from a newsletter, qualifies, and the thank-you page
 * names the assigned rep and offers her booking page prefilled with the prospect's own answers and the UTM parameters;
 * the sales alert carries the same link. The page passes axe-core and the Nu HTML Checker.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class MeetingBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aQualifiedProspectMeetsTheAssignedRepAndBooksWithAPrefilledLink() throws Exception {
        String email = DemoAnswers.uniqueEmail("zoe");
        Browser browser = Browsers.chromium();
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))
                .newPage();
        page.navigate(base + "f/booking-test?utm_source=Newsletter&utm_medium=email&utm_campaign=may%20issue");
        long started = System.currentTimeMillis();
        page.getByLabel("Yes").check();
        page.getByLabel("Your name").fill("Zoë Müller");
        page.getByLabel("Work email").fill(email);
        page.getByLabel("Company").fill("Acme & Söhne <b>");
        long wait = FormBrowserTest.MIN_FILL_MILLIS - (System.currentTimeMillis() - started);
        if (wait > 0) {
            Thread.sleep(wait);
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Great, let's talk")))
                .isVisible();
        assertThat(page.getByText("Your contact is Rosa Díaz.")).isVisible();
        Locator book =
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Book a meeting with Rosa Díaz"));
        assertThat(book).isVisible();
        String expected = "https://cal.example/rosa/intro?name=Zo%C3%AB%20M%C3%BCller&email="
                + email.replace("@", "%40").replace("+", "%2B")
                + "&notes=Acme%20%26%20S%C3%B6hne%20%3Cb%3E"
                + "&utm_source=Newsletter&utm_medium=email&utm_campaign=may%20issue";
        assertEquals(expected, book.getAttribute("href"));
        assertEquals(
                0,
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Book a call"))
                        .count(),
                "the rep's link replaces the form's");
        PageChecks.check(page, "meeting-thank-you-phone");
        String thankYou = page.url();
        page.context().close();

        // The sales alert carries the same prefilled link.
        Eventually.holds(
                () -> Db.count(
                                "SELECT count(*) FROM outbox_message WHERE destination LIKE '%rosa@booking-test.example%'"
                                        + " AND payload LIKE ?",
                                "%" + expected + "%")
                        >= 1,
                "the alert to Rosa with her prefilled booking link");
        // The view was counted with its source, anonymously: lower-cased UTM values, no referrer from Leadgate itself.
        Eventually.holds(
                () -> Db.count("SELECT count(*) FROM funnel_event WHERE form_id = 'booking-test' AND type = 'view'"
                                + " AND utm_source = 'newsletter' AND utm_campaign = 'may issue'")
                        >= 1,
                "the view with its source");

        // Someone guessing ids sees no rep.
        given().get(thankYou.replaceAll("/done/.*", "/done/" + UUID.randomUUID()))
                .then()
                .statusCode(200)
                .body(not(containsString("Rosa")));
        // A rep without a booking link is named, and the form's own link stays.
        String withoutLink = thankYouOf(
                Map.of("fit", "yes", "name", "Max", "company", "nolink", "email", DemoAnswers.uniqueEmail("max")));
        assertTrue(
                withoutLink.contains("Your contact is Tom Berg.") && withoutLink.contains("https://forms.example/book"),
                withoutLink);
        assertFalse(withoutLink.contains("cal.example"), withoutLink);
        // A prospect who did not qualify meets no rep.
        String nurtured = thankYouOf(Map.of("fit", "maybe", "name", "Mia", "email", DemoAnswers.uniqueEmail("mia")));
        assertFalse(nurtured.contains("Rosa") || nurtured.contains("cal.example"), nurtured);
    }

    private String thankYouOf(Map<String, Object> answers) {
        String url = given().contentType(ContentType.JSON)
                .body(Map.of("answers", answers))
                .post("/api/forms/booking-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("outcome_url");
        return given().get(url.replaceFirst("^https?://[^/]+/", base.toString()))
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
