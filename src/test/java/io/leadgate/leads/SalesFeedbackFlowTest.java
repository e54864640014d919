package io.leadgate.leads;

import com.standardwebhooks.Webhook;
import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Mailbox;
import io.leadgate.testing.Mails;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.TestPorts;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sales feedback end to end on real SMTP (GreenMail) and a real HTTP receiver: the rep clicks "Not a fit: No budget" in
 * the alert email as it arrived, the lead, the API, the report and a signed lead.sales_feedback webhook show it; forged
 * and changed links record nothing; a second click records nothing more.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class SalesFeedbackFlowTest {

    private static final Pattern LINK = Pattern.compile("- (Accepted|Not a fit: [^:]+): (http\\S+/feedback/(\\S+))");

    @Inject
    Users users;

    @BeforeAll
    static void servers() {
        Mailbox.get();
        Receiver.get();
    }

    private static String submit(String email, String fit) {
        return given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers",
                        Map.of("fit", fit, "name", "Nora Budgetless", "email", email, "utm_source", "newsletter")))
                .post("/api/forms/feedback-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
    }

    /** The feedback links of the alert email about this lead, by label, as the rep's mail program shows them. */
    private static Map<String, String> alertLinks(String leadId) {
        Eventually.holds(
                () -> Mailbox.to("rita@feedback.example").stream()
                        .anyMatch(m -> Mails.text(m).contains(leadId)),
                "the alert email to the rep");
        MimeMessage alert = Mailbox.to("rita@feedback.example").stream()
                .filter(m -> Mails.text(m).contains(leadId))
                .findFirst()
                .orElseThrow();
        Map<String, String> links = new java.util.LinkedHashMap<>();
        Matcher matcher = LINK.matcher(Mails.text(alert));
        while (matcher.find()) {
            links.put(matcher.group(1), "/feedback/" + matcher.group(3));
        }
        String html = Mails.html(alert);
        links.values().forEach(path -> assertTrue(html.contains(path), "the html part carries " + path));
        return links;
    }

    private static long feedbackRows(String leadId) {
        return Db.count(
                "SELECT count(*) FROM sales_feedback f JOIN lead l ON l.id = f.lead_id WHERE l.public_id = ?", leadId);
    }

    private String adminToken() {
        User user = QuarkusTransaction.requiringNew()
                .call(() -> User.byEmail("admin@localhost").orElse(null));
        if (user == null) {
            user = users.create("admin@localhost", "Admin", "a-long-test-password", Role.ADMIN);
        }
        return users.issueToken(user.id, "feedback test");
    }

    @Test
    void aRepSaysNotAFitNoBudgetFromTheAlertEmailOnce() throws Exception {
        String leadId = submit(DemoAnswers.uniqueEmail("no-budget"), "yes");
        Map<String, String> links = alertLinks(leadId);
        assertEquals(
                List.of(
                        "Accepted",
                        "Not a fit: Wrong size",
                        "Not a fit: No budget",
                        "Not a fit: Student",
                        "Not a fit: Competitor",
                        "Not a fit: Spam"),
                List.copyOf(links.keySet()),
                "the default reasons of a form that declares none");
        String noBudget = links.get("Not a fit: No budget");

        // A link scanner's GET only shows the confirmation.
        given().get(noBudget)
                .then()
                .statusCode(200)
                .header("Referrer-Policy", "no-referrer")
                .body(containsString("Not a fit: No budget?"))
                .body(containsString("Nora Budgetless"));
        assertEquals(0, feedbackRows(leadId), "a GET records nothing");

        // Forged and changed links: a clear 4xx, nothing recorded.
        String token = noBudget.substring("/feedback/".length());
        char middle = token.charAt(token.length() / 2);
        String changed = token.substring(0, token.length() / 2)
                + (middle == 'A' ? 'B' : 'A')
                + token.substring(token.length() / 2 + 1);
        char last = token.charAt(token.length() - 1);
        String lastChanged = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String forged : List.of(changed, lastChanged, token + "x", "not-a-token", token.substring(0, 40))) {
            given().get("/feedback/" + forged)
                    .then()
                    .statusCode(404)
                    .body(containsString("This link is not valid"))
                    .body(containsString("Nothing was recorded"));
            given().post("/feedback/" + forged).then().statusCode(404);
        }
        assertEquals(0, feedbackRows(leadId), "forged and changed links record nothing");

        // The click records who (the rep the alert went to) and when; a second click changes nothing.
        given().post(noBudget).then().statusCode(200).body(containsString("Recorded: Not a fit: No budget"));
        given().post(noBudget).then().statusCode(200).body(containsString("recorded already; nothing changed"));
        Map<String, Object> row = Db.row(
                "SELECT f.* FROM sales_feedback f JOIN lead l ON l.id = f.lead_id WHERE l.public_id = ?", leadId);
        assertEquals("rejected", row.get("outcome"));
        assertEquals("no-budget", row.get("reason"));
        assertEquals("rita@feedback.example", row.get("recorded_by"));
        assertEquals(
                1,
                Db.count(
                        "SELECT count(*) FROM lead_event e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?"
                                + " AND e.type = 'sales_feedback'",
                        leadId),
                "one timeline entry for two clicks");

        // The signed webhook, once.
        Eventually.holds(
                () -> Receiver.get().to("/hooks/feedback").stream()
                        .anyMatch(r -> r.body().contains(leadId)),
                "the lead.sales_feedback webhook");
        Thread.sleep(1500);
        List<Receiver.Request> hooks = Receiver.get().to("/hooks/feedback").stream()
                .filter(r -> r.body().contains(leadId))
                .toList();
        assertEquals(1, hooks.size(), "two clicks, one webhook");
        Receiver.Request hook = hooks.getFirst();
        assertDoesNotThrow(() -> new Webhook(TestPorts.WEBHOOK_SECRET).verify(hook.body(), headers(hook)));
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(hook.body());
        assertEquals("lead.sales_feedback", body.get("type").asText());
        assertEquals("rejected", body.at("/data/feedback/outcome").asText());
        assertEquals("no-budget", body.at("/data/feedback/reason").asText());
        assertEquals("No budget", body.at("/data/feedback/reason_label").asText());
        assertEquals(
                "rita@feedback.example", body.at("/data/feedback/recorded_by").asText());
        var schema = com.networknt.schema.JsonSchemaFactory.getInstance(
                        com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(java.nio.file.Path.of(
                                        "src/main/resources/META-INF/resources/schemas/webhook-payload.schema.json")
                                .toFile()));
        assertEquals(java.util.Set.of(), schema.validate(body), "the payload matches its published JSON Schema");

        // The lead in the API, and the report.
        String admin = adminToken();
        given().header("Authorization", "Bearer " + admin)
                .get("/api/leads/" + leadId)
                .then()
                .statusCode(200)
                .body("sales_feedback.said", equalTo("Not a fit: No budget"))
                .body("sales_feedback.recorded_by", equalTo("rita@feedback.example"));
        var report = given().header("Authorization", "Bearer " + admin)
                .get("/api/reports/feedback-test")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(report.getInt("sales_feedback.total.rejected") >= 1, report.prettify());
        assertTrue(
                report.getList("sales_feedback.rejected_qualified.lead_id").contains(leadId),
                "listed among leads sales rejected although the score qualified them");
        assertTrue(report.getList("sales_feedback.by_source.name").contains("newsletter"), "grouped by UTM source");
        assertTrue(report.getList("sales_feedback.by_rep.name").contains("rita@feedback.example"), "grouped by rep");
    }

    @Test
    void slackAndTeamsCarryTheLinksAndALaterAcceptedReplacesNotAFit() {
        String leadId = submit(DemoAnswers.uniqueEmail("changed-mind"), "yes");
        Map<String, String> links = alertLinks(leadId);
        Eventually.holds(
                () -> Receiver.get().to("/hooks/feedback-slack").stream()
                                .anyMatch(r -> r.body().contains(leadId))
                        && Receiver.get().to("/hooks/feedback-teams").stream()
                                .anyMatch(r -> r.body().contains(leadId)),
                "the chat messages");
        String slack = Receiver.get().to("/hooks/feedback-slack").stream()
                .filter(r -> r.body().contains(leadId))
                .findFirst()
                .orElseThrow()
                .body();
        assertTrue(slack.contains("/feedback/") && slack.contains("|Not a fit: No budget>"), slack);
        String teams = Receiver.get().to("/hooks/feedback-teams").stream()
                .filter(r -> r.body().contains(leadId))
                .findFirst()
                .orElseThrow()
                .body();
        assertTrue(teams.contains("[Accepted](http://localhost:8080/feedback/"), teams);

        given().post(links.get("Not a fit: Spam")).then().statusCode(200);
        given().get(links.get("Accepted"))
                .then()
                .statusCode(200)
                .body(containsString("Recorded now: Not a fit: Spam. This replaces it."));
        given().post(links.get("Accepted")).then().statusCode(200).body(containsString("Recorded: Accepted"));
        Map<String, Object> row = Db.row(
                "SELECT f.* FROM sales_feedback f JOIN lead l ON l.id = f.lead_id WHERE l.public_id = ?", leadId);
        assertEquals("accepted", row.get("outcome"));
        assertEquals(null, row.get("reason"));
        List<Map<String, Object>> timeline = Db.rows(
                "SELECT e.detail FROM lead_event e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?"
                        + " AND e.type = 'sales_feedback' ORDER BY e.id",
                leadId);
        assertEquals(2, timeline.size());
        assertTrue(timeline.get(1).get("detail").toString().contains("replaces Not a fit: Spam"), timeline.toString());
    }

    @Test
    void theApiRecordsForSignedInUsersAndRefusesReasonsTheFormDoesNotDeclare() {
        String leadId = submit(DemoAnswers.uniqueEmail("api-feedback"), "yes");
        String admin = adminToken();
        given().header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(Map.of("outcome", "rejected", "reason", "too-cute"))
                .post("/api/leads/" + leadId + "/feedback")
                .then()
                .statusCode(422)
                .body("detail", containsString("no-budget"));
        given().header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(Map.of("outcome", "rejected", "reason", "competitor"))
                .post("/api/leads/" + leadId + "/feedback")
                .then()
                .statusCode(200)
                .body("said", equalTo("Not a fit: Competitor"))
                .body("recorded_by", equalTo("admin@localhost"))
                .body("changed", equalTo(true));
        given().header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(Map.of("outcome", "rejected", "reason", "competitor"))
                .post("/api/leads/" + leadId + "/feedback")
                .then()
                .statusCode(200)
                .body("changed", equalTo(false));
        given().contentType(ContentType.JSON)
                .body(Map.of("outcome", "accepted"))
                .post("/api/leads/" + leadId + "/feedback")
                .then()
                .statusCode(401);

        // Erasure takes the feedback with the lead; its links then find nothing to record.
        String link = alertLinks(leadId).get("Accepted");
        given().header("Authorization", "Bearer " + admin)
                .delete("/api/leads/" + leadId)
                .then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
        assertEquals(0, feedbackRows(leadId));
        given().post(link).then().statusCode(410).body(containsString("This link has expired"));
    }

    @Test
    void aRepsLinkStopsOnceTheLeadMovedOnAndAnUnprovenRepeatCarriesNoLinks() {
        String email = "moved-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@prospect.example";
        String leadId = submit(email, "yes");
        Map<String, String> links = alertLinks(leadId);
        // A follow-up deadline gave the lead to another rep: the first rep's links no longer speak for it.
        Db.update("UPDATE lead SET assigned_rep = 'someone-else@feedback.example' WHERE public_id = ?", leadId);
        given().post(links.get("Accepted")).then().statusCode(410);
        assertEquals(0, feedbackRows(leadId));

        // Anyone can type a lead's address: the alert about an unproven repeat that raised it has no one-click links.
        String other = "repeat-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@prospect.example";
        submit(other, "no");
        given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("fit", "yes", "name", "Someone Else", "email", other)))
                .post("/api/forms/feedback-test/submissions")
                .then()
                .statusCode(201)
                .body("unverified_repeat", org.hamcrest.Matchers.equalTo(true));
        Eventually.holds(
                () -> Mailbox.to("sales@feedback.example").stream()
                        .anyMatch(m -> Mails.text(m).contains(other)),
                "the alert about the repeat");
        MimeMessage repeat = Mailbox.to("sales@feedback.example").stream()
                .filter(m -> Mails.text(m).contains(other))
                .findFirst()
                .orElseThrow();
        assertTrue(!Mails.text(repeat).contains("/feedback/"), Mails.text(repeat));
    }

    private static HttpHeaders headers(Receiver.Request request) {
        return HttpHeaders.of(
                Map.of(
                        "webhook-id",
                        List.of(request.header("webhook-id")),
                        "webhook-timestamp",
                        List.of(request.header("webhook-timestamp")),
                        "webhook-signature",
                        List.of(request.header("webhook-signature"))),
                (a, b) -> true);
    }
}
