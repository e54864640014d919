package io.leadgate.web;

import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Db;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JSON API keeps the hosted form's defences: access rules, honeypot, fill time, and limits on every field. */
@QuarkusTest
@TestProfile(WithTestForms.class)
class ApiAbuseTest {

    @Inject
    FormTokens tokens;

    private static ValidatableResponse post(String formId, Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/forms/" + formId + "/submissions")
                .then();
    }

    private static Map<String, Object> simple(String email, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("answers", Map.of("fit", "y", "email", email));
        return body;
    }

    private static long leads(String email) {
        return Db.count("SELECT count(*) FROM lead WHERE email = ?", email);
    }

    @Test
    void aFormMayRequireItsPublishableKey() {
        String email = DemoAnswers.uniqueEmail("keyed");
        post("api-key-test", simple(email, Map.of()))
                .statusCode(403)
                .body("title", equalTo("Publishable key required"));
        post("api-key-test", simple(email, Map.of("publishable_key", "pk_test_wrongwrongwrongwr")))
                .statusCode(403);
        assertEquals(0L, leads(email));
        post("api-key-test", simple(email, Map.of("publishable_key", "pk_test_0123456789abcdef")))
                .statusCode(201)
                .body("verdict", equalTo("qualified"));
    }

    @Test
    void aFormMayRequireASignedFormTokenAndTimesTheFill() {
        String email = DemoAnswers.uniqueEmail("tokened");
        post("api-token-test", simple(email, Map.of())).statusCode(403).body("title", equalTo("Form token required"));
        post("api-token-test", simple(email, Map.of("form_token", "forged.token")))
                .statusCode(403);
        String fresh = given().get("/api/forms/api-token-test/token")
                .then()
                .statusCode(200)
                .body("token", notNullValue())
                .body("min_fill_seconds", equalTo(3))
                .extract()
                .path("token");
        post("api-token-test", simple(email, Map.of("form_token", fresh)))
                .statusCode(201)
                .body("lead_id", notNullValue());
        assertEquals(0L, leads(email), "sent faster than a person fills a form: trapped, nothing stored");
        String old = tokens.issue("api-token-test", Instant.now().minus(Duration.ofHours(25)));
        post("api-token-test", simple(email, Map.of("form_token", old))).statusCode(422);
        String filled = tokens.issue("api-token-test", Instant.now().minus(Duration.ofMinutes(2)));
        String leadId = post("api-token-test", simple(email, Map.of("form_token", filled)))
                .statusCode(201)
                .extract()
                .path("lead_id");
        assertEquals(1L, leads(email));

        post("api-token-test", simple(email, Map.of("form_token", filled)))
                .statusCode(200)
                .body("repeated", equalTo(true))
                .body("lead_id", equalTo(leadId));
        String other = DemoAnswers.uniqueEmail("token-reuse");
        post("api-token-test", simple(other, Map.of("form_token", filled)))
                .statusCode(422)
                .body("title", equalTo("Form token used"))
                .body(not(containsString(leadId)));
        assertEquals(0L, leads(other), "one form token, one submission");
    }

    @Test
    void theHoneypotTrapsBotsThatStillGetAPlausibleAnswer() {
        String email = DemoAnswers.uniqueEmail("bot");
        Map<String, Object> body = new HashMap<>(Map.of("answers", DemoAnswers.qualified(email)));
        body.put("honeypot", "http://spam.example");
        post("demo-saas", body).statusCode(201).body("verdict", equalTo("nurture"));
        assertEquals(0L, leads(email));
    }

    @Test
    void everyFieldsLimitMatchesItsColumn() {
        Map<String, Object> answers = new HashMap<>(Map.of(
                "project-type",
                "website",
                "description",
                "An online shop for our furniture, with a configurator and a dealer login.",
                "budget",
                40000,
                "start",
                "asap",
                "decision",
                "me",
                "name",
                "N".repeat(300),
                "email",
                DemoAnswers.uniqueEmail("long-name"),
                "consent",
                true));
        post("agency-brief", Map.of("answers", answers))
                .statusCode(422)
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", containsString("200"));
        Map<String, Object> referrer =
                new HashMap<>(Map.of("answers", DemoAnswers.qualified(DemoAnswers.uniqueEmail("ref"))));
        referrer.put("referrer", "https://www.example.com/" + "x".repeat(3000));
        post("demo-saas", referrer).statusCode(422).body("errors[0].field", equalTo("referrer"));
        referrer.put("referrer", "https://www.example.com/\u0000");
        post("demo-saas", referrer).statusCode(422).body("errors[0].field", equalTo("referrer"));
        Map<String, Object> number = new HashMap<>(DemoAnswers.qualified(DemoAnswers.uniqueEmail("comma")));
        number.put("sales-team-size", "250,5");
        post("demo-saas", Map.of("answers", number))
                .statusCode(422)
                .body("errors[0].field", equalTo("sales-team-size"));
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "k".repeat(100))
                .body(Map.of("answers", DemoAnswers.qualified(DemoAnswers.uniqueEmail("long-key"))))
                .post("/api/forms/" + "demo-saas" + "/submissions")
                .then()
                .statusCode(201);
    }

    @Test
    void onlyTheFormsEmbeddingOriginsMayPostFromABrowser() {
        given().header("Origin", "https://landing.api-key-test.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/forms/api-key-test/submissions")
                .then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "https://landing.api-key-test.example");
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/forms/api-key-test/submissions")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored() {
        String email = DemoAnswers.uniqueEmail("spoofer");
        given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", "203.0.113.99")
                .header("Forwarded", "for=203.0.113.98")
                .body(Map.of("answers", DemoAnswers.qualified(email)))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201);
        assertEquals(
                "127.0.0.1",
                Db.row("SELECT s.ip FROM submission s JOIN lead l ON l.id = s.lead_id WHERE l.email = ?", email)
                        .get("ip"));
    }
}
