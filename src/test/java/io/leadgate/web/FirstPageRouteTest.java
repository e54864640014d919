package io.leadgate.web;

import io.leadgate.experiments.Experiments;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.reporting.FunnelEvents;
import io.leadgate.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first page served from the event loop is the page the template renders, with a fresh signed token, counted. */
@QuarkusTest
class FirstPageRouteTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"_token\" value=\"([^\"]+)\"");
    private static final String LANDING = "https://studionord.example";

    @Inject
    FormRegistry registry;

    @Inject
    FormTokens tokens;

    @Inject
    Experiments experiments;

    @Inject
    FunnelEvents funnel;

    @Test
    void theFirstPageIsTheTemplatesPageWithAFreshSignedToken() {
        assertTrue(experiments.runningOn("agency-brief").isEmpty(), "a form in an experiment takes the resource");
        Response first = embeddedView("de");
        String token = token(first);

        FormTokens.Token verified = tokens.verify(token, "agency-brief").orElseThrow();
        assertTrue(Duration.between(verified.issuedAt(), Instant.now()).abs().toSeconds() < 60);
        assertNull(verified.variant());
        ValidForm form = (ValidForm) registry.find("agency-brief").orElseThrow();
        String rendered = ProspectPages.form(
                        FormView.of(form, "de", token).embeddedIn(LANDING).from(LANDING + "/pricing"))
                .render();
        assertEquals(rendered, first.asString());

        assertEquals("text/html;charset=UTF-8", first.header("Content-Type"));
        assertEquals("frame-ancestors 'self' https://studionord.example", first.header("Content-Security-Policy"));
        assertEquals("de", first.header("Content-Language"));
        assertEquals("no-store", first.header("Cache-Control"));
        assertEquals("nosniff", first.header("X-Content-Type-Options"));
        assertEquals("strict-origin-when-cross-origin", first.header("Referrer-Policy"));
        assertNull(first.header("Set-Cookie"));

        String second = token(embeddedView("de"));
        assertNotEquals(token, second);
        assertNotEquals(
                verified.nonce(),
                tokens.verify(second, "agency-brief").orElseThrow().nonce());
    }

    @Test
    void everyViewIsCountedWithItsSource() {
        funnel.flush();
        long before = views();
        for (int i = 0; i < 3; i++) {
            given().header("Referer", "https://news.example.org/article")
                    .when()
                    .get("/f/agency-brief")
                    .then()
                    .statusCode(200);
        }
        funnel.flush();
        assertEquals(before + 3, views());
    }

    @Test
    void prefilledAnswersAndUnknownFormsStillTakeTheResource() {
        given().when()
                .get("/f/demo-saas?utm_source=Newsletter")
                .then()
                .statusCode(200)
                .body(containsString("value=\"Newsletter\""));
        given().when().get("/f/no-such-form").then().statusCode(404);
    }

    private static Response embeddedView(String language) {
        return given().header("Referer", LANDING + "/pricing")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .queryParam("origin", LANDING)
                .queryParam("lang", language)
                .when()
                .get("/f/agency-brief")
                .then()
                .statusCode(200)
                .extract()
                .response();
    }

    private static String token(Response page) {
        Matcher matcher = TOKEN.matcher(page.asString());
        assertTrue(matcher.find(), "the page carries a token");
        return matcher.group(1);
    }

    private static long views() {
        return Db.count("SELECT count(*) FROM funnel_event WHERE form_id = 'agency-brief' AND type = 'view'"
                + " AND referrer_domain = 'news.example.org'");
    }
}
