package io.leadgate.web;

import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Past its limits, the hosted form answers 429 with a kind page and stores nothing. */
@QuarkusTest
@TestProfile(RateLimitFlowTest.TightLimits.class)
class RateLimitFlowTest {

    /** Three submissions per IP address and one per email address. */
    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "leadgate.web.submissions-per-ip", "3",
                    "leadgate.web.submissions-per-email", "1",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @Inject
    FormTokens tokens;

    @Inject
    WebConfig config;

    @Inject
    HitCounter counter;

    private Response submitFrom(String client, Map<String, Object> answers) {
        return FormPostTest.post(
                FormPostTest.fields(
                        tokens.issue("demo-saas", Instant.now().minus(Duration.ofMinutes(2))), 2, "next", answers),
                client);
    }

    private Response submit(Map<String, Object> answers) {
        return FormPostTest.post(FormPostTest.fields(
                tokens.issue("demo-saas", Instant.now().minus(Duration.ofMinutes(2))), 2, "next", answers));
    }

    @Test
    void perEmailThenPerIpLimitsAnswer429AndStoreNothing() {
        String ana = DemoAnswers.uniqueEmail("limit-ana");
        assertEquals(303, submit(DemoAnswers.qualified(ana)).statusCode());
        Response again = submit(DemoAnswers.nurture(ana));
        assertEquals(429, again.statusCode());
        assertTrue(again.asString().contains("Please try again in a few minutes."), again.asString());
        assertEquals(
                1L,
                Db.count("SELECT count(*) FROM submission s JOIN lead l ON l.id = s.lead_id WHERE l.email = ?", ana));

        assertEquals(
                303,
                submit(DemoAnswers.qualified(DemoAnswers.uniqueEmail("limit-ben")))
                        .statusCode());
        String chloe = DemoAnswers.uniqueEmail("limit-chloe");
        assertEquals(429, submit(DemoAnswers.qualified(chloe)).statusCode(), "the fourth submission from one address");
        assertEquals(0L, Db.count("SELECT count(*) FROM lead WHERE email = ?", chloe));
    }

    @Test
    void behindATrustedProxyEachVisitorCountsAlone() {
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    303,
                    submitFrom("198.51.100.1", DemoAnswers.qualified(DemoAnswers.uniqueEmail("lb-a")))
                            .statusCode());
        }
        assertEquals(
                429,
                submitFrom("198.51.100.1", DemoAnswers.qualified(DemoAnswers.uniqueEmail("lb-a")))
                        .statusCode(),
                "the fourth from one visitor");
        String ben = DemoAnswers.uniqueEmail("lb-b");
        assertEquals(
                303, submitFrom("198.51.100.2", DemoAnswers.qualified(ben)).statusCode(), "another visitor behind it");
        assertEquals(
                "198.51.100.2",
                Db.row("SELECT c.ip FROM consent c JOIN lead l ON l.id = c.lead_id WHERE l.email = ?", ben)
                        .get("ip"),
                "the consent records the visitor's address, not the proxy's");
    }

    @Test
    void instancesShareTheirCounts() {
        RateLimiter other = new RateLimiter(config, counter);
        String client = "198.51.100.77";
        assertEquals(
                303,
                submitFrom(client, DemoAnswers.qualified(DemoAnswers.uniqueEmail("shared")))
                        .statusCode());
        assertTrue(other.allowIp(client), "the second instance counts the second submission");
        assertTrue(other.allowIp(client), "and the third");
        assertEquals(
                429,
                submitFrom(client, DemoAnswers.qualified(DemoAnswers.uniqueEmail("shared")))
                        .statusCode(),
                "the first instance knows of all three");
    }

    @Test
    void theJsonApiHasTheSameLimits() {
        String email = DemoAnswers.uniqueEmail("api-limit");
        given().contentType("application/json")
                .header("X-Forwarded-For", "198.51.100.9")
                .body(Map.of("answers", DemoAnswers.qualified(email)))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201);
        given().contentType("application/json")
                .header("X-Forwarded-For", "198.51.100.9")
                .body(Map.of("answers", DemoAnswers.nurture(email)))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertEquals(
                1L,
                Db.count("SELECT count(*) FROM submission s JOIN lead l ON l.id = s.lead_id WHERE l.email = ?", email));
    }
}
