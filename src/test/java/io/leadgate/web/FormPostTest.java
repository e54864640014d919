package io.leadgate.web;

import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Db;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hosted form without JavaScript: step by step through plain POSTs, and every kind of bad input refused cleanly. */
@QuarkusTest
@TestProfile(WithTestForms.class)
class FormPostTest {

    static final Pattern TOKEN = Pattern.compile("name=\"_token\" value=\"([^\"]+)\"");

    @Inject
    FormTokens tokens;

    /** A token issued long enough ago that the minimum fill time has passed. */
    private String token() {
        return tokens.issue("demo-saas", Instant.now().minus(Duration.ofMinutes(2)));
    }

    /** The form fields for every step of the demo-saas form, as a browser posts them (all fields, every time). */
    static List<Object[]> fields(String token, int step, String nav, Map<String, Object> answers) {
        List<Object[]> fields = new ArrayList<>();
        fields.add(new Object[] {"_token", token});
        fields.add(new Object[] {"_lang", "en"});
        fields.add(new Object[] {"_step", String.valueOf(step)});
        fields.add(new Object[] {"_hp", ""});
        fields.add(new Object[] {"_nav", nav});
        answers.forEach((name, value) -> {
            if (value instanceof List<?> list) {
                list.forEach(v -> fields.add(new Object[] {name, String.valueOf(v)}));
            } else {
                fields.add(new Object[] {name, "consent".equals(name) ? "yes" : String.valueOf(value)});
            }
        });
        return fields;
    }

    static Response post(List<Object[]> fields) {
        return post(fields, null);
    }

    /** Posts the fields as a browser behind a proxy would, which names the visitor in X-Forwarded-For. */
    static Response post(List<Object[]> fields, String forwardedFor) {
        var request = given().redirects().follow(false).contentType("application/x-www-form-urlencoded; charset=UTF-8");
        if (forwardedFor != null) {
            request = request.header("X-Forwarded-For", forwardedFor);
        }
        for (Object[] field : fields) {
            request = request.formParam((String) field[0], field[1]);
        }
        return request.post("/f/demo-saas");
    }

    @Test
    void theFormPageAllowsOnlyItsOwnEmbeddersAndOtherPagesNone() {
        given().get("/f/demo-saas")
                .then()
                .statusCode(200)
                .header(
                        "Content-Security-Policy",
                        startsWith("frame-ancestors 'self' https://www.pipewise.example http://localhost:8081"))
                .header("X-Content-Type-Options", "nosniff");
        given().get("/q/health").then().header("Content-Security-Policy", equalTo("frame-ancestors 'none'"));
        given().get("/css/leadgate.css").then().header("Content-Security-Policy", equalTo("frame-ancestors 'none'"));
    }

    @Test
    void theFirstStepShowsProgressAndTheOthersAreHidden() {
        String page =
                given().get("/f/demo-saas").then().statusCode(200).extract().asString();
        assertTrue(page.contains("Step 1 of 3"));
        assertTrue(page.contains("<fieldset class=\"lg-step\" id=\"step-0\" data-step=\"0\">"), page);
        assertTrue(page.contains("id=\"step-1\" data-step=\"1\" hidden>"), page);
        assertTrue(
                page.contains(
                        "data-show-if=\"{&quot;question&quot;:&quot;current-tool&quot;,&quot;equals&quot;:&quot;other&quot;}\" hidden"),
                page);
    }

    @Test
    void hiddenFieldsAndAllowedQuestionsArePrefilledFromTheQueryString() {
        given().queryParam("utm_source", "newsletter")
                .queryParam("utm_campaign", "fall")
                .queryParam("email", "ana@acme.example")
                .queryParam("company", "Evil")
                .get("/f/demo-saas")
                .then()
                .body(containsString("name=\"utm_source\" value=\"newsletter\""))
                .body(containsString("name=\"utm_campaign\" value=\"fall\""))
                .body(containsString("value=\"ana@acme.example\""))
                .body(not(containsString("value=\"Evil\"")));
    }

    @Test
    void aCompleteWalkThroughWithoutJavaScriptReachesTheRightOutcome() {
        String email = DemoAnswers.uniqueEmail("nojs");
        Map<String, Object> answers = DemoAnswers.qualified(email);
        String token = token();

        Response missing = post(fields(token, 0, "next", Map.of("challenge", "slow-follow-up")));
        assertEquals(422, missing.statusCode());
        assertTrue(missing.asString().contains("Please check 2 answer(s)"), missing.asString());
        assertTrue(missing.asString()
                .contains("<p class=\"lg-error\" id=\"sales-team-size-error\">Please answer this question.</p>"));
        assertTrue(missing.asString().contains("value=\"slow-follow-up\" checked"), "answers are kept");

        Response second = post(fields(token, 0, "next", answers));
        assertEquals(200, second.statusCode());
        assertTrue(second.asString().contains("Step 2 of 3"));
        assertTrue(second.asString().contains("name=\"_step\" value=\"1\""));

        Response back = post(fields(token, 1, "back", answers));
        assertTrue(back.asString().contains("Step 1 of 3"));

        Response third = post(fields(token, 1, "next", answers));
        assertTrue(third.asString().contains("Step 3 of 3"));
        assertTrue(third.asString().contains(">Send</button>"));

        Response done = post(fields(token, 2, "next", answers));
        assertEquals(303, done.statusCode());
        String location = done.header("Location");
        assertTrue(location.matches(".*/f/demo-saas/done/[0-9a-f-]{36}"), location);
        given().get(location)
                .then()
                .statusCode(200)
                .body(containsString("You&#39;re a great fit. Let&#39;s talk."))
                .body(containsString("href=\"https://cal.example.com/pipewise/demo\""))
                .body(containsString("data-outcome=\"qualified\""));
        assertEquals(
                "qualified",
                Db.row("SELECT verdict FROM lead WHERE email = ?", email).get("verdict"));

        Response again = post(fields(token, 2, "next", answers));
        assertEquals(location, again.header("Location"), "a double post leads to the same outcome");
        assertEquals(
                1L,
                Db.count("SELECT count(*) FROM submission s JOIN lead l ON l.id = s.lead_id WHERE l.email = ?", email));
    }

    @Test
    void eachVerdictHasItsOwnPage() {
        String nurture = post(fields(token(), 2, "next", DemoAnswers.nurture(DemoAnswers.uniqueEmail("n"))))
                .header("Location");
        given().get(nurture)
                .then()
                .body(containsString("Thanks, we&#39;ll keep you posted"))
                .body(containsString("data-outcome=\"nurture\""));
        String no = post(fields(token(), 2, "next", DemoAnswers.knockedOut(DemoAnswers.uniqueEmail("k"))))
                .header("Location");
        given().get(no)
                .then()
                .body(containsString("Thank you for your interest"))
                .body(containsString("data-outcome=\"disqualified\""));
    }

    @Test
    void aBotFillingTheHoneypotSeesSuccessAndCreatesNothing() {
        String email = DemoAnswers.uniqueEmail("bot");
        List<Object[]> fields = fields(token(), 2, "next", DemoAnswers.qualified(email));
        fields.removeIf(f -> f[0].equals("_hp"));
        fields.add(new Object[] {"_hp", "http://spam.example"});
        Response trapped = post(fields);
        assertEquals(303, trapped.statusCode());
        given().get(trapped.header("Location"))
                .then()
                .statusCode(200)
                .body(containsString("Thanks, we&#39;ll keep you posted"));
        assertEquals(0L, Db.count("SELECT count(*) FROM lead WHERE email = ?", email));
    }

    @Test
    void aSubmissionFasterThanAPersonCouldTypeIsTrapped() {
        String email = DemoAnswers.uniqueEmail("fast");
        Response trapped = post(fields(tokens.issue("demo-saas"), 2, "next", DemoAnswers.qualified(email)));
        assertEquals(303, trapped.statusCode());
        assertEquals(0L, Db.count("SELECT count(*) FROM lead WHERE email = ?", email));
    }

    @Test
    void anExpiredPageKeepsTheAnswersAndAsksToSendAgain() {
        String expired = tokens.issue("demo-saas", Instant.now().minus(Duration.ofHours(25)));
        Response response = post(fields(expired, 2, "next", DemoAnswers.qualified(DemoAnswers.uniqueEmail("late"))));
        assertEquals(422, response.statusCode());
        assertTrue(response.asString().contains("please send it once more"));
        Matcher fresh = TOKEN.matcher(response.asString());
        assertTrue(fresh.find());
        assertTrue(!fresh.group(1).equals(expired), "a fresh token replaces the expired one");
    }

    @Test
    void aForgedOrForeignTokenIsRefused() {
        assertEquals(
                400,
                post(fields("forged.token", 2, "next", DemoAnswers.qualified("x@acme.example")))
                        .statusCode());
        String foreign = tokens.issue("agency-brief", Instant.now().minus(Duration.ofMinutes(2)));
        Response refused = post(fields(foreign, 2, "next", DemoAnswers.qualified("x@acme.example")));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.asString().contains("Please reload the page"));
    }

    @Test
    void unknownAndDuplicatedFieldsAreNamed() {
        List<Object[]> unknown = fields(token(), 0, "next", Map.of("challenge", "slow-follow-up"));
        unknown.add(new Object[] {"is_admin", "true"});
        Response response = post(unknown);
        assertEquals(400, response.statusCode());
        assertTrue(
                response.asString().contains("The field &#39;is_admin&#39; is not part of this form."),
                response.asString());

        List<Object[]> twice = fields(token(), 0, "next", Map.of("challenge", "slow-follow-up"));
        twice.add(new Object[] {"_token", token()});
        assertEquals(400, post(twice).statusCode());

        Map<String, Object> answers = DemoAnswers.qualified(DemoAnswers.uniqueEmail("dup"));
        answers.put("timeframe", List.of("this-month", "quarter"));
        Response duplicated = post(fields(token(), 1, "next", answers));
        assertEquals(422, duplicated.statusCode());
        assertTrue(duplicated.asString().contains("Please choose only one answer."));
    }

    @Test
    void nulBytesAndControlCharactersAreRefusedWithoutA500() {
        Map<String, Object> answers = DemoAnswers.qualified(DemoAnswers.uniqueEmail("nul"));
        answers.put("company", "Acme\u0000Corp");
        Response response = post(fields(token(), 2, "next", answers));
        assertEquals(422, response.statusCode());
        assertTrue(response.asString().contains("This answer contains characters we cannot store."));
    }

    @Test
    void invalidUtf8IsRefused() {
        String email = DemoAnswers.uniqueEmail("utf8");
        StringBuilder body = new StringBuilder("_token=" + token() + "&_step=2&_nav=next&company=Acme%C3%28");
        DemoAnswers.qualified(email).forEach((name, value) -> {
            if (!name.equals("company")) {
                for (Object v : value instanceof List<?> list ? list : List.of(value)) {
                    body.append('&')
                            .append(name)
                            .append('=')
                            .append(java.net.URLEncoder.encode(
                                    "consent".equals(name) ? "yes" : String.valueOf(v), StandardCharsets.UTF_8));
                }
            }
        });
        Response response = given().redirects()
                .follow(false)
                .config(RestAssuredConfig.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .encodeContentTypeAs(
                                        "application/x-www-form-urlencoded", io.restassured.http.ContentType.BINARY)))
                .contentType("application/x-www-form-urlencoded")
                .body(body.toString().getBytes(StandardCharsets.US_ASCII))
                .post("/f/demo-saas");
        assertEquals(400, response.statusCode());
        assertTrue(response.asString().contains("not valid UTF-8"), response.asString());
        assertEquals(0L, Db.count("SELECT count(*) FROM lead WHERE email = ?", email));
    }

    @Test
    void anOversizedBodyIsRefused() {
        Map<String, Object> answers = DemoAnswers.qualified(DemoAnswers.uniqueEmail("big"));
        answers.put("notes", "x".repeat(300_000));
        assertEquals(413, post(fields(token(), 2, "next", answers)).statusCode());
    }

    @Test
    void aTooLongAnswerIsExplained() {
        Map<String, Object> answers = DemoAnswers.qualified(DemoAnswers.uniqueEmail("long"));
        answers.put("notes", "x".repeat(2001));
        Response response = post(fields(token(), 2, "next", answers));
        assertEquals(422, response.statusCode());
        assertTrue(response.asString().contains("Please keep this under 2000 characters."));
    }

    @Test
    void theWrongContentTypeIsRefused() {
        given().contentType("application/json")
                .body("{}")
                .post("/f/demo-saas")
                .then()
                .statusCode(415)
                .body("title", equalTo("Unsupported content type"));
    }

    @Test
    void funnelEventsAreRecordedWithoutPersonalData() throws InterruptedException {
        long before = Db.count("SELECT count(*) FROM funnel_event WHERE form_id = 'demo-saas' AND type = 'complete'");
        given().get("/f/demo-saas").then().statusCode(200);
        String token = token();
        Map<String, Object> answers = DemoAnswers.nurture(DemoAnswers.uniqueEmail("funnel"));
        post(fields(token, 0, "next", answers));
        post(fields(token, 2, "next", answers));
        long deadline = System.currentTimeMillis() + 10_000;
        while (Db.count("SELECT count(*) FROM funnel_event WHERE form_id = 'demo-saas' AND type = 'complete'") == before
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Db.count("SELECT count(*) FROM funnel_event WHERE form_id = 'demo-saas' AND type = 'complete'")
                > before);
        assertTrue(Db.count("SELECT count(*) FROM funnel_event WHERE type = 'view'") > 0);
        assertTrue(Db.count("SELECT count(*) FROM funnel_event WHERE type = 'step' AND detail = '0'") > 0);
        assertEquals(0L, Db.count("SELECT count(*) FROM funnel_event WHERE detail LIKE '%@%'"));
    }

    @Test
    void theJsonBeaconAcceptsOnlyTheFormsOwnToken() {
        given().contentType("application/json")
                .body(Map.of("token", token(), "type", "answer", "detail", "budget"))
                .post("/f/demo-saas/events")
                .then()
                .statusCode(204);
        given().contentType("application/json")
                .body(Map.of("token", "forged", "type", "answer", "detail", "budget"))
                .post("/f/demo-saas/events")
                .then()
                .statusCode(400);
        given().contentType("application/json")
                .body(Map.of("token", token(), "type", "answer", "detail", "ana@acme.example"))
                .post("/f/demo-saas/events")
                .then()
                .statusCode(400);
        for (String malformed : new String[] {"{\"token\": \"x\"}", "{}", "null", "[]", "{\"type\": 7}"}) {
            given().contentType("application/json")
                    .body(malformed)
                    .post("/f/demo-saas/events")
                    .then()
                    .statusCode(400);
        }
    }

    @Test
    void theEmbedScriptIsServed() {
        given().get("/embed.js")
                .then()
                .statusCode(200)
                .contentType(matchesPattern(".*javascript.*"))
                .body(containsString("data-leadgate-form"));
    }
}
