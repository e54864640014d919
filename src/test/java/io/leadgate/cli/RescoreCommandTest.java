package io.leadgate.cli;

import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A candidate form file replayed over stored submissions reports the verdicts it would change, and changes nothing. */
@QuarkusTest
@TestProfile(WithTestForms.class)
class RescoreCommandTest {

    @Inject
    RescoreCommand command;

    private static String submit(Map<String, Object> answers) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("answers", answers))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("submission_id");
    }

    @Test
    void aStricterNurtureThresholdMovesTheLeadsJustAboveIt() throws IOException {
        String nurtured = submit(DemoAnswers.nurture(DemoAnswers.uniqueEmail("n")));
        String qualified = submit(DemoAnswers.qualified(DemoAnswers.uniqueEmail("q")));
        Path candidate = Files.createTempFile("demo-saas-candidate", ".yaml");
        Files.writeString(
                candidate, Files.readString(Path.of("forms/demo-saas.yaml")).replace("    min: 35", "    min: 40"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(
                new String[] {"rescore", "demo-saas", candidate.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.matches("(?s)\\d+ of \\d+ submissions to demo-saas would get another verdict\\..*"), report);
        assertTrue(report.contains("nurture -> disqualified"), report);
        assertTrue(
                report.lines()
                        .anyMatch(line -> line.startsWith(nurtured)
                                && line.contains("nurture 37")
                                && line.endsWith("disqualified 37")),
                report);
        assertFalse(report.contains(qualified), report);
        assertTrue(report.contains("Closed deals (by lead)"), report);
        assertTrue(report.lines().anyMatch(line -> line.startsWith("Won, sent to sales")), report);
        assertTrue(report.contains("Qualified leads per week (published -> candidate):"), report);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("100%"), "a progress bar ends at 100%");
    }

    @Test
    void aBrokenCandidateIsRefusedWithItsProblems() throws IOException {
        Path candidate = Files.createTempFile("demo-saas-broken", ".yaml");
        Files.writeString(
                candidate, Files.readString(Path.of("forms/demo-saas.yaml")).replace("type: dropdown", "type: drop"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(
                new String[] {"rescore", "demo-saas", candidate.toString()},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, exit);
        assertTrue(
                err.toString(StandardCharsets.UTF_8).contains(candidate + ":"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theProgressBarFills() {
        assertEquals(
                "\rReplaying 0 of 10 leads [                              ]   0%", RescoreCommand.progressBar(0, 10));
        assertEquals(
                "\rReplaying 5 of 10 leads [###############               ]  50%", RescoreCommand.progressBar(5, 10));
        assertEquals(
                "\rReplaying 0 of 0 leads [##############################] 100%", RescoreCommand.progressBar(0, 0));
    }
}
