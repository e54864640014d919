package io.leadgate.nurture;

import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.TestPorts;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A relay that cannot be reached (restarting, say) is tried again on the normal schedule: only a mail server's own
 * 4xx reply asks for the long wait, so a relay restart does not hold every sales alert for half an hour.
 */
@QuarkusTest
@TestProfile(SmtpDownTest.RelayDown.class)
class SmtpDownTest {

    /** Mail goes to a port where nothing listens; a 4xx would wait an hour. */
    public static class RelayDown extends WithTestForms {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.mailer.port", String.valueOf(TestPorts.port("test.closed-smtp-port")));
            overrides.put("leadgate.delivery.email-retry-after", "1h");
            return overrides;
        }
    }

    @Test
    void aConnectionErrorIsRetriedOnTheSchedule() {
        String leadId = given().contentType(ContentType.JSON)
                .body(Map.of("answers", DemoAnswers.qualified(DemoAnswers.uniqueEmail("relay-down"))))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        Eventually.holds(
                () -> Db.count(
                                "SELECT count(*) FROM delivery_attempt a JOIN outbox_message m ON m.message_id = a.message_id"
                                        + " WHERE m.subject_ref = ? AND m.channel = 'EMAIL'",
                                leadId)
                        >= 2,
                "a second attempt within seconds, not after the hour a 4xx would wait");
        Map<String, Object> attempt = Db.row(
                "SELECT a.status_code FROM delivery_attempt a JOIN outbox_message m ON m.message_id = a.message_id"
                        + " WHERE m.subject_ref = ? AND m.channel = 'EMAIL' ORDER BY a.attempt LIMIT 1",
                leadId);
        assertTrue(attempt.get("status_code") == null, "a connection error carries no SMTP reply code");
    }
}
