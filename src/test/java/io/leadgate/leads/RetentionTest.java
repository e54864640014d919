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

    @Test
    void leadsOfARemovedFormKeepItsLastRetention() {
        String orphan = submit(DemoAnswers.uniqueEmail("orphan"));
        Db.update(
                "INSERT INTO form_version (form_id, version, content_hash, source, first_loaded_at)"
                        + " VALUES ('removed-form', '1', ?, 'id: removed-form\nretention: P1D\n', now())",
                "hash-" + orphan);
        Db.update("UPDATE lead SET form_id = 'removed-form' WHERE public_id = ?", orphan);
        Db.update(
                "UPDATE submission SET submitted_at = submitted_at - INTERVAL '2 days', form_id = 'removed-form'"
                        + " WHERE lead_id = (SELECT id FROM lead WHERE public_id = ?)",
                orphan);
        retention.runOnce(Instant.now());
        assertEquals(
                0L,
                Db.count("SELECT count(*) FROM lead WHERE public_id = ?", orphan),
                "its file is gone, its rule is not");
    }

    @Test
    void oneLeadThatCannotBeErasedDoesNotStopThePass() {
        String stuck = submit(DemoAnswers.uniqueEmail("stuck"));
        String next = submit(DemoAnswers.uniqueEmail("next"));
        for (String lead : new String[] {stuck, next}) {
            Db.update(
                    "UPDATE submission SET submitted_at = submitted_at - INTERVAL '2 days' WHERE lead_id = (SELECT id FROM lead WHERE public_id = ?)",
                    lead);
        }
        Db.update("CREATE OR REPLACE FUNCTION refuse_erasure() RETURNS trigger AS $$ BEGIN"
                + " RAISE EXCEPTION 'this lead is stuck'; END $$ LANGUAGE plpgsql");
        Db.update("CREATE TRIGGER refuse_erasure BEFORE DELETE ON lead FOR EACH ROW WHEN (OLD.public_id = '" + stuck
                + "') EXECUTE FUNCTION refuse_erasure()");
        try {
            assertTrue(retention.runOnce(Instant.now()) >= 1);
            assertEquals(
                    0L, Db.count("SELECT count(*) FROM lead WHERE public_id = ?", next), "erased despite the other");
            assertEquals(1L, Db.count("SELECT count(*) FROM lead WHERE public_id = ?", stuck));
        } finally {
            Db.update("DROP TRIGGER refuse_erasure ON lead");
        }
        retention.runOnce(Instant.now());
        assertEquals(
                0L, Db.count("SELECT count(*) FROM lead WHERE public_id = ?", stuck), "and the next pass erases it");
    }

    @Test
    void anotherPersonsRepeatDoesNotKeepALeadPastItsTime() {
        String email = DemoAnswers.uniqueEmail("kept-alive");
        String lead = submit(email);
        Db.update(
                "UPDATE submission SET submitted_at = submitted_at - INTERVAL '2 days' WHERE lead_id = (SELECT id FROM lead WHERE public_id = ?)",
                lead);
        given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("fit", "y", "notes", "someone else", "email", email)))
                .post("/api/forms/retention-test/submissions")
                .then()
                .statusCode(201)
                .body("unverified_repeat", org.hamcrest.Matchers.equalTo(true));

        retention.runOnce(Instant.now());
        assertEquals(0L, Db.count("SELECT count(*) FROM lead WHERE public_id = ?", lead));
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
