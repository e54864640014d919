package io.leadgate.leads;

import io.leadgate.testing.Db;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A form's retention is enforced by a job: leads past it are erased, fresher ones are kept. */
@QuarkusTest
@TestProfile(WithTestForms.class)
class RetentionTest {

    @Inject
    Retention retention;

    @Test
    void leadsPastTheirFormsRetentionAreErased() {
        String old = submit(DemoAnswers.uniqueEmail("old"));
        String fresh = submit(DemoAnswers.uniqueEmail("fresh"));
        Db.update(
                "UPDATE submission SET submitted_at = submitted_at - INTERVAL '2 days' WHERE lead_id = (SELECT id FROM lead WHERE public_id = ?)",
                old);

        assertTrue(retention.runOnce(Instant.now()) >= 1);
        assertEquals(0L, Db.count("SELECT count(*) FROM lead WHERE public_id = ?", old));
        assertEquals(1L, Db.count("SELECT count(*) FROM lead WHERE public_id = ?", fresh), "within a day: kept");
        assertEquals(
                0L,
                Db.count(
                        "SELECT count(*) FROM submission s WHERE NOT EXISTS (SELECT 1 FROM lead l WHERE l.id = s.lead_id)"));
    }

    private static String submit(String email) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("fit", "y", "email", email)))
                .post("/api/forms/retention-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
    }
}
