package io.leadgate.nurture;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Browsers;
import io.leadgate.testing.Db;
import io.leadgate.testing.PageChecks;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The follow-up from a nurture email can change the verdict: it asks what could still qualify the lead, prefilled,
 * and a lead that no answer can qualify is offered to talk to a person instead.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class FollowUpTest {

    private static final Pattern FIELD = Pattern.compile("name=\"([a-z][a-z0-9-]*)\"");

    /** The best answer to each demo-saas question that scores. */
    private static final Map<String, List<String>> BEST = Map.of(
            "challenge", List.of("slow-follow-up"),
            "current-tool", List.of("spreadsheets"),
            "sales-team-size", List.of("12"),
            "priority", List.of("5"),
            "features", List.of("instant-alerts", "scoring"),
            "timeframe", List.of("this-month"),
            "budget", List.of("over-20k"),
            "role", List.of("decision-maker"));

    @Inject
    Requalification requalification;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aLeadMissingOnlyFeaturesQualifiesThroughTheFollowUpAndSalesHear() {
        String email = DemoAnswers.uniqueEmail("features-only");
        String leadId = given().contentType(ContentType.JSON)
                .body(Map.of("answers", DemoAnswers.nurture(email)))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        String path = "/r/" + requalification.tokenFor(leadId, 0);
        given().redirects()
                .follow(false)
                .post(path + "/talk")
                .then()
                .statusCode(303)
                .header("Location", containsString(path));
        assertEquals(
                0L,
                Db.count(
                        "SELECT count(*) FROM lead_event e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?"
                                + " AND e.type = 'contact.requested'",
                        leadId),
                "a lead that can still qualify answers the follow-up; only the others may ask sales to call");

        String page = given().get(path)
                .then()
                .statusCode(200)
                .body(containsString("name=\"features\""))
                .body(containsString("name=\"challenge\" value=\"just-curious\" checked"))
                .body(not(containsString("name=\"email\"")))
                .extract()
                .asString();
        Set<String> asked = new LinkedHashSet<>();
        Matcher field = FIELD.matcher(page);
        while (field.find()) {
            if (BEST.containsKey(field.group(1))) {
                asked.add(field.group(1));
            }
        }
        assertTrue(asked.size() > 1, "more than the question worth 10 points: " + asked);

        var request = given().redirects().follow(false).contentType(ContentType.URLENC);
        for (String question : asked) {
            for (String value : BEST.get(question)) {
                request = request.formParam(question, value);
            }
        }
        request.post(path).then().statusCode(303);

        assertEquals(
                "qualified",
                Db.row("SELECT verdict FROM lead WHERE public_id = ?", leadId).get("verdict"));
        assertEquals(
                1L,
                Db.count(
                        "SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND channel = 'EMAIL'"
                                + " AND event_type = 'lead.requalified'",
                        leadId),
                "sales hear at once");
    }

    @Test
    void aLeadNoAnswerCanQualifyIsOfferedToTalkAnyway() {
        String leadId = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers", Map.of("plan", "free", "fit", "yes", "email", DemoAnswers.uniqueEmail("capped"))))
                .post("/api/forms/followup-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        String path = "/r/" + requalification.tokenFor(leadId, 0);

        given().get(path)
                .then()
                .statusCode(200)
                .body(containsString("Thank you for staying in touch"))
                .body(containsString("action=\"" + path + "/talk\""))
                .body(not(containsString("name=\"fit\"")));
        Page page = Browsers.chromium().newPage();
        page.navigate(base + path.substring(1));
        PageChecks.check(page, "talk-anyway");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("I would like to talk"))
                .click();
        assertThat(page.getByText("Someone from our team will get in touch with you soon."))
                .isVisible();
        page.close();
        given().post(path + "/talk").then().statusCode(200);

        assertEquals(
                1L,
                Db.count(
                        "SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND event_type = 'lead.contact_requested'",
                        leadId),
                "sales hear once, however often the button is pressed");
        assertTrue(Db.row(
                        "SELECT payload FROM outbox_message WHERE subject_ref = ? AND event_type = 'lead.contact_requested'",
                        leadId)
                .get("payload")
                .toString()
                .contains("sales@followup-test.example"));
    }
}
