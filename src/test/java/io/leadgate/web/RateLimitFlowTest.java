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
            return Map.of("leadgate.web.submissions-per-ip", "3", "leadgate.web.submissions-per-email", "1");
        }
    }

    @Inject
    FormTokens tokens;

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
}
