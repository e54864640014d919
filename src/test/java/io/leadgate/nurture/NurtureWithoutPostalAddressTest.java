package io.leadgate.nurture;

import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Db;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CAN-SPAM: without the sender's postal address, sequences refuse to start, say why, and keep every enrolment. */
@QuarkusTest
@TestProfile(NurtureWithoutPostalAddressTest.NoPostalAddress.class)
class NurtureWithoutPostalAddressTest {

    /** The test forms with the postal address left out. */
    public static class NoPostalAddress extends WithTestForms {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("leadgate.nurture.postal-address", "");
            return overrides;
        }
    }

    @Inject
    NurtureWorker worker;

    @Test
    void sequencesRefuseToStartWithAClearErrorAndLoseNoEnrolment() throws InterruptedException {
        assertTrue(worker.startProblem().orElseThrow().contains("leadgate.nurture.postal-address"));
        given().get("/q/health/group/nurture")
                .then()
                .statusCode(503)
                .body(containsString("set leadgate.nurture.postal-address (LEADGATE_NURTURE_POSTAL_ADDRESS)"));

        String leadId = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers",
                        Map.of("fit", "yes", "timing", "later", "email", DemoAnswers.uniqueEmail("no-postal"))))
                .post("/api/forms/nurture-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        Thread.sleep(2500);
        assertEquals(
                Map.of("status", "ACTIVE", "next_step", 0),
                Db.row(
                        "SELECT status, next_step FROM nurture_enrolment e"
                                + " JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?",
                        leadId),
                "enrolled and waiting");
        assertEquals(
                0L,
                Db.count(
                        "SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND event_type = 'nurture.step'",
                        leadId));
    }
}
