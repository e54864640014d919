package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Db;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The back-office API: nothing personal without a token, sales reps see only their own leads, outcomes by id, email
 * or CSV, spreadsheet-safe exports, the privacy export, and an erasure after which no table holds the person.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class BackOfficeApiTest {

    @Inject
    Users users;

    @Inject
    io.leadgate.nurture.Unsubscribes unsubscribes;

    private String adminToken;
    private String anaToken;
    private String benToken;
    private String marketerToken;

    @BeforeEach
    void tokens() {
        adminToken = tokenFor("admin@localhost", Role.ADMIN);
        anaToken = tokenFor("ana@pipewise.example", Role.SALES);
        benToken = tokenFor("ben@pipewise.example", Role.SALES);
        marketerToken = tokenFor("mia@pipewise.example", Role.MARKETER);
    }

    private String tokenFor(String email, Role role) {
        User user =
                QuarkusTransaction.requiringNew().call(() -> User.byEmail(email).orElse(null));
        if (user == null) {
            user = users.create(email, email, "a-long-test-password", role);
        }
        return users.issueToken(user.id, "test");
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** A qualified demo-saas lead assigned to Ana (teams of 200+ always go to her). */
    private static String anasLead(String email) {
        Map<String, Object> answers = new HashMap<>(DemoAnswers.qualified(email));
        answers.put("sales-team-size", 250);
        return given().contentType(ContentType.JSON)
                .body(Map.of("answers", answers))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
    }

    @Test
    void nothingPersonalWithoutAValidToken() {
        String lead = anasLead(DemoAnswers.uniqueEmail("noauth"));
        for (String path :
                List.of("/api/leads", "/api/leads/" + lead, "/api/leads/" + lead + "/personal-data", "/api/users")) {
            given().get(path).then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
            given().header("Authorization", "Bearer lg_not-a-token")
                    .get(path)
                    .then()
                    .statusCode(401);
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("status", "won"))
                .post("/api/leads/" + lead + "/outcome")
                .then()
                .statusCode(401);
        given().redirects()
                .follow(false)
                .get("/admin/leads")
                .then()
                .statusCode(302)
                .header("Location", containsString("/admin/login"));
    }

    @Test
    void aSalesRepSeesOnlyTheirOwnLeadsAndAMarketerNone() {
        String anas = anasLead(DemoAnswers.uniqueEmail("own"));
        String someoneElses = anasLead(DemoAnswers.uniqueEmail("other"));
        Db.update("UPDATE lead SET assigned_rep = 'chloe@pipewise.example' WHERE public_id = ?", someoneElses);

        as(anaToken)
                .get("/api/leads/" + anas)
                .then()
                .statusCode(200)
                .body("lead.id", equalTo(anas))
                .body("submissions[0].ledger.size()", org.hamcrest.Matchers.greaterThan(0));
        as(anaToken).get("/api/leads/" + someoneElses).then().statusCode(404);
        as(benToken).get("/api/leads/" + anas).then().statusCode(404);
        as(anaToken)
                .get("/api/leads")
                .then()
                .statusCode(200)
                .body("id", hasItem(anas))
                .body("id", not(hasItem(someoneElses)));
        as(benToken)
                .contentType(ContentType.JSON)
                .body(Map.of("status", "won"))
                .post("/api/leads/" + anas + "/outcome")
                .then()
                .statusCode(404);
        as(marketerToken).get("/api/leads").then().statusCode(403);
        as(anaToken).delete("/api/leads/" + anas).then().statusCode(403);
        as(anaToken).get("/api/users").then().statusCode(403);
        as(adminToken).get("/api/leads/" + someoneElses).then().statusCode(200);
    }

    @Test
    void outcomesByIdByEmailAndCsvImport() {
        String email = DemoAnswers.uniqueEmail("outcome");
        String lead = anasLead(email);
        as(anaToken)
                .contentType(ContentType.JSON)
                .body(Map.of("status", "won", "amount", -5))
                .post("/api/leads/" + lead + "/outcome")
                .then()
                .statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("amount must be zero or more"));
        as(anaToken)
                .contentType(ContentType.JSON)
                .body(Map.of("status", "won", "amount", 24000, "currency", "eur", "close_date", "2026-11-20"))
                .post("/api/leads/" + lead + "/outcome")
                .then()
                .statusCode(200)
                .body("status", equalTo("won"))
                .body("currency", equalTo("EUR"));
        assertEquals(
                1L,
                Db.count(
                        "SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND event_type = 'lead.outcome_recorded'",
                        lead),
                "the demo form's CRM webhook subscribes to outcomes");
        assertMatchesPublishedSchema(Db.row(
                        "SELECT payload FROM outbox_message WHERE subject_ref = ? AND event_type = 'lead.outcome_recorded'",
                        lead)
                .get("payload")
                .toString());
        assertEquals(
                "outcome",
                Db.row(
                                "SELECT exit_reason FROM nurture_enrolment e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?"
                                        + " UNION SELECT 'outcome' WHERE NOT EXISTS (SELECT 1 FROM nurture_enrolment e JOIN lead l ON l.id = e.lead_id"
                                        + " WHERE l.public_id = ?)",
                                lead,
                                lead)
                        .get("exit_reason"));

        as(anaToken)
                .contentType(ContentType.JSON)
                .body(Map.of("email", email.toUpperCase(), "status", "lost", "reason", "Budget cut"))
                .post("/api/outcomes")
                .then()
                .statusCode(200)
                .body("status", equalTo("lost"));
        assertEquals(
                "lost",
                Db.row(
                                "SELECT o.status FROM lead_outcome o JOIN lead l ON l.id = o.lead_id WHERE l.public_id = ?",
                                lead)
                        .get("status"));

        String second = anasLead(DemoAnswers.uniqueEmail("import"));
        String csv = "lead_id,status,amount,currency,close_date,reason\n"
                + second + ",won,1200.50,USD,2026-11-21,\"Signed, finally\"\n"
                + lead + ",maybe,,,,\n"
                + "unknown-id,won,,,,\n"
                + second + ",won,lots,USD,,\n";
        as(anaToken)
                .contentType("text/csv")
                .body(csv)
                .post("/api/outcomes/import")
                .then()
                .statusCode(200)
                .body("recorded", equalTo(1))
                .body("errors.line", equalTo(List.of(3, 4, 5)))
                .body("errors[0].message", containsString("status must be won, lost or open"));
        assertEquals(
                "Signed, finally",
                Db.row(
                                "SELECT o.reason FROM lead_outcome o JOIN lead l ON l.id = o.lead_id WHERE l.public_id = ?",
                                second)
                        .get("reason"));
    }

    @Test
    void exportsAreSpreadsheetSafe() {
        String email = DemoAnswers.uniqueEmail("csv");
        Map<String, Object> answers = new HashMap<>(DemoAnswers.qualified(email));
        answers.put("name", "=HYPERLINK(\"http://evil.example\",\"x\")");
        String lead = given().contentType(ContentType.JSON)
                .body(Map.of("answers", answers))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        String csv = as(adminToken)
                .accept("text/csv")
                .queryParam("q", email)
                .get("/api/leads")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract()
                .asString();
        assertTrue(csv.startsWith("id,email,name,form_id,score,verdict"), csv);
        assertTrue(
                csv.contains(lead + "," + email
                        + ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",demo-saas,100,qualified"),
                csv);
        // Every answer twice: the code a system reads and the label the prospect saw.
        String[] header = csv.lines().findFirst().orElseThrow().split(",");
        List<String> headers = List.of(header);
        assertTrue(headers.contains("answer.timeframe") && headers.contains("answer.priority.label"), csv);
        assertTrue(csv.contains(",this-month,This month,"), csv);
        assertTrue(csv.contains(",5,\"5 of 5, Top priority\","), csv);
        assertTrue(
                csv.contains(",\"instant-alerts; scoring\",\"Instant sales alerts; Lead scoring you can explain\","),
                csv);
        as(adminToken)
                .queryParam("q", email)
                .get("/api/leads")
                .then()
                .statusCode(200)
                .body("[0].name", equalTo("=HYPERLINK(\"http://evil.example\",\"x\")"))
                .body("[0].answers.timeframe[0]", equalTo("this-month"))
                .body("[0].answer_labels.timeframe[0]", equalTo("This month"))
                .body("[0].answer_labels.challenge[0]", equalTo("Leads wait too long for a reply"));
        as(adminToken)
                .get("/api/leads/" + lead)
                .then()
                .statusCode(200)
                .body("submissions[0].answer_labels.priority[0]", equalTo("5 of 5, Top priority"));
    }

    @Test
    void anErasedPersonIsInNoTableAndCrmsAreTold() {
        String email = DemoAnswers.uniqueEmail("erase");
        String marker = "unique-note-" + UUID.randomUUID();
        String lead = given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("fit", "y", "notes", marker, "email", email)))
                .post("/api/forms/retention-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        as(adminToken)
                .get("/api/leads/" + lead + "/personal-data")
                .then()
                .statusCode(200)
                .header("Content-Disposition", containsString("attachment"))
                .body("lead.email", equalTo(email))
                .body("submissions[0].answers.notes[0]", equalTo(marker))
                .body("timeline.type", hasItem("submitted"));

        as(adminToken).delete("/api/leads/" + lead).then().statusCode(200).body("lead_id", equalTo(lead));
        as(adminToken).get("/api/leads/" + lead).then().statusCode(404);
        as(adminToken).delete("/api/leads/" + lead).then().statusCode(404);

        List<String> holders = new ArrayList<>();
        for (Map<String, Object> column :
                Db.rows("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
                        + " AND data_type IN ('character varying', 'text', 'character')")) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            long found = Db.count(
                    "SELECT count(*) FROM \"" + table + "\" WHERE lower(\"" + name + "\") LIKE ? OR \"" + name
                            + "\" LIKE ?",
                    "%" + email.toLowerCase() + "%",
                    "%" + marker + "%");
            if (found > 0) {
                holders.add(table + "." + name);
            }
        }
        assertEquals(List.of(), holders, "tables that still hold the erased person's email or answers");
        assertEquals(
                "erased",
                unsubscribes.reasonFor(email).orElseThrow(),
                "only a keyed hash is kept, so no marketing email reaches them again");
        List<Map<String, Object>> told = Db.rows(
                "SELECT payload FROM outbox_message WHERE subject_ref = ? AND event_type = 'lead.erased'", lead);
        assertTrue(
                !told.isEmpty()
                        && told.stream()
                                .allMatch(r -> r.get("payload").toString().contains(lead)
                                        && !r.get("payload").toString().contains("@")),
                told.toString());
        assertMatchesPublishedSchema(told.getFirst().get("payload").toString());
    }

    static void assertMatchesPublishedSchema(String body) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var schema = com.networknt.schema.JsonSchemaFactory.getInstance(
                            com.networknt.schema.SpecVersion.VersionFlag.V202012)
                    .getSchema(mapper.readTree(java.nio.file.Path.of(
                                    "src/main/resources/META-INF/resources/schemas/webhook-payload.schema.json")
                            .toFile()));
            assertEquals(java.util.Set.of(), schema.validate(mapper.readTree(body)), body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void webhookDestinationsShowTheirHostOnly() {
        String lead = anasLead(DemoAnswers.uniqueEmail("hosts"));
        Db.update(
                "INSERT INTO outbox_message (message_id, channel, event_type, destination, endpoint_key, subject_ref, payload,"
                        + " status, attempts, next_attempt_at, created_at) VALUES (?, 'WEBHOOK', 'lead.qualified',"
                        + " 'https://hooks.slack.example/services/T000/B000/SECRETPART', 'demo-saas/webhooks/0', ?, '{}',"
                        + " 'CANCELLED', 0, now(), now())",
                "msg_legacy_" + UUID.randomUUID().toString().substring(0, 8),
                lead);
        String detail = as(adminToken)
                .get("/api/leads/" + lead)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(detail.contains("https://hooks.slack.example\""), detail);
        assertTrue(detail.contains("\"destination\":\"https://crm.pipewise.example\""), detail);
        assertFalse(detail.contains("SECRETPART"), "no secret path in the lead view");
        assertFalse(detail.contains("/hooks/leads"));
        String export = as(adminToken)
                .get("/api/leads/" + lead + "/personal-data")
                .then()
                .extract()
                .asString();
        assertFalse(export.contains("SECRETPART"), "nor in the personal-data export");
    }
}
