package io.leadgate.admin;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.leadgate.access.Role;
import io.leadgate.access.Users;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Browsers;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Mailbox;
import io.leadgate.testing.Mails;
import io.leadgate.testing.PageChecks;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On a phone, a rep opens "Not a fit: No budget" from the alert email, confirms it without signing in, and finds it on
 * the lead's page, where she changes it to Accepted; a marketer reads the rejection in the report. Every page passes axe
 * and the Nu checker.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class SalesFeedbackBrowserTest {

    private static final String REP = "rita@feedback.example";
    private static final String MARKETER = "mona.feedback@pipewise.example";

    @Inject
    Users users;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void servers() {
        Mailbox.get();
        Receiver.get();
    }

    @Test
    void aRepSaysNotAFitOnHerPhoneAndTheLeadPageAndReportShowIt() {
        SuggestionHistory.token(users, REP, Role.SALES);
        SuggestionHistory.token(users, MARKETER, Role.MARKETER);
        String leadId = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers",
                        Map.of(
                                "fit",
                                "yes",
                                "name",
                                "Paula Phone",
                                "email",
                                DemoAnswers.uniqueEmail("phone-feedback"),
                                "utm_source",
                                "linkedin")))
                .post("/api/forms/feedback-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        String link = link(leadId, "Not a fit: No budget");

        Page phone = Browsers.chromium().newContext().newPage();
        phone.setViewportSize(390, 844);
        phone.navigate(base + link.substring(1));
        assertThat(phone.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not a fit: No budget?")))
                .isVisible();
        PageChecks.check(phone, "feedback-confirm-phone");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record “Not a fit: No budget”"))
                .click();
        assertThat(phone.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Recorded: Not a fit: No budget")))
                .isVisible();
        PageChecks.check(phone, "feedback-done-phone");
        phone.navigate(base + "feedback/" + "x".repeat(60));
        PageChecks.check(phone, "feedback-invalid-phone");

        Page marketer = Browsers.signedIn(base, MARKETER, SuggestionHistory.PASSWORD);
        marketer.navigate(base + "admin/reports/feedback-test");
        Locator rejected = marketer.getByRole(
                AriaRole.TABLE, new Page.GetByRoleOptions().setName("Qualified leads sales said were not a fit"));
        assertThat(rejected.locator("tr", new Locator.LocatorOptions().setHasText("linkedin")))
                .containsText("No budget");
        assertThat(rejected.locator("tr", new Locator.LocatorOptions().setHasText("linkedin")))
                .containsText("Fit? Yes");
        assertThat(marketer.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Sales feedback, By source"))
                        .locator("tr", new Locator.LocatorOptions().setHasText("linkedin")))
                .containsText("No budget 1");
        PageChecks.check(marketer, "report-sales-feedback");

        Page rep = Browsers.signedIn(base, REP, SuggestionHistory.PASSWORD);
        rep.setViewportSize(390, 844);
        rep.navigate(base + "admin/leads/" + leadId);
        Locator section = rep.locator(
                "section",
                new Page.LocatorOptions()
                        .setHas(rep.getByRole(
                                AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sales feedback"))));
        assertThat(section).containsText("Not a fit: No budget");
        assertThat(section).containsText("by " + REP);
        PageChecks.check(rep, "lead-sales-feedback-phone");
        rep.getByLabel("Is this lead a fit?").selectOption("accepted");
        rep.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record feedback"))
                .click();
        assertThat(rep.getByRole(AriaRole.STATUS).first()).containsText("Sales feedback recorded: Accepted.");
        assertThat(rep.locator("ol.lg-timeline")).containsText("replaces Not a fit: No budget");
        assertEquals("accepted", rep.getByLabel("Is this lead a fit?").inputValue());
    }

    private static String link(String leadId, String label) {
        Eventually.holds(
                () -> Mailbox.to(REP).stream().anyMatch(m -> Mails.text(m).contains(leadId)), "the alert email");
        MimeMessage alert = Mailbox.to(REP).stream()
                .filter(m -> Mails.text(m).contains(leadId))
                .findFirst()
                .orElseThrow();
        Matcher matcher = Pattern.compile("- " + Pattern.quote(label) + ": http\\S+(/feedback/\\S+)")
                .matcher(Mails.text(alert));
        if (!matcher.find()) {
            throw new AssertionError("no link " + label + " in " + Mails.text(alert));
        }
        return matcher.group(1);
    }
}
