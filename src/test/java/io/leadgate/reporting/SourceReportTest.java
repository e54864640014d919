package io.leadgate.reporting;

import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Db;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18.5 on a seeded dataset: two campaigns of their own (unique names, so other tests' leads never mix in) with
 * views, leads, self-qualified, accepted and won leads and revenue, costs imported as CSV (a file with bad lines is
 * refused whole, naming each line), and the report's ROI numbers; the lead export carries the source fields.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class SourceReportTest {

    @Inject
    Users users;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    @Test
    void theSourceReportJudgesCampaignsByProfit() {
        tag = Long.toString(System.nanoTime(), 36);
        String google = "google-" + tag;
        String linkedin = "linkedin-" + tag;
        String marketer = marketerToken();
        String admin = users.issueToken(
                QuarkusTransaction.requiringNew()
                        .call(() -> User.byEmail("admin@localhost").orElseThrow())
                        .id,
                "sources-admin");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        // google / cpc / spring: 4 leads, 3 qualify themselves, 2 accepted by sales, 2 won (3000 + 1000 EUR), 1 lost.
        String g1 = submit("yes", google, "cpc", "Spring", "https://www.News-" + tag + ".example/post?id=1");
        String g2 = submit("yes", google, "CPC", "spring", null);
        String g3 = submit("yes", google, "cpc", "spring", null);
        submit("maybe", google, "cpc", "spring", null);
        // linkedin / social / launch: 2 qualified leads, nothing won yet.
        String l1 = submit("yes", linkedin, "social", "launch", null);
        submit("yes", linkedin, "social", "launch", null);
        accepted(g1);
        accepted(g2);
        Db.update(
                "INSERT INTO sales_feedback (lead_id, outcome, reason, recorded_by, recorded_at)"
                        + " SELECT id, 'rejected', 'no-budget', 'rosa@booking-test.example', now() FROM lead WHERE public_id = ?",
                l1);
        outcome(admin, g1, Map.of("status", "won", "amount", 3000, "currency", "EUR"));
        outcome(admin, g2, Map.of("status", "won", "amount", 1000, "currency", "EUR"));
        outcome(admin, g3, Map.of("status", "lost"));
        // Their first submissions were 8, 4 and 2 days before the outcomes: the median is 4 days.
        ageFirstSubmission(g1, 8);
        ageFirstSubmission(g2, 4);
        ageFirstSubmission(g3, 2);
        for (int i = 0; i < 40; i++) {
            view(google, "cpc", "spring", "g" + tag + i);
        }
        for (int i = 0; i < 10; i++) {
            view(linkedin, "social", "launch", "l" + tag + i);
        }

        // A file with bad lines records nothing and names each line (a blank line still counts).
        String bad = "utm_source,utm_medium,utm_campaign,from,to,amount,currency\n"
                + google + ",cpc,spring," + today.minusDays(9) + "," + today + ",800,EUR\n"
                + linkedin + ",social,launch," + today + "," + today.minusDays(3) + ",100,EUR\n"
                + "\n"
                + google + ",cpc,spring," + today.minusDays(1) + "," + today.plusDays(5) + ",5,EUR\n"
                + google + ",cpc,spring,yesterday," + today + ",\"1,200\",EUR\n"
                + linkedin + ",social,launch,2026-01-01,2026-01-31,10,EUR,extra\n"
                + linkedin + ",social,launch,2026-02-01,2026-02-28,-5,EURO\n";
        JsonPath refused = importCsv(marketer, bad, 422);
        assertEquals(List.of(3, 5, 6, 7, 8), refused.getList("errors.line"), refused.prettify());
        assertTrue(refused.getString("errors[0].message").contains("ends"), refused.prettify());
        assertTrue(refused.getString("errors[1].message").contains("overlaps line 2"), refused.prettify());
        assertTrue(refused.getString("errors[2].message").contains("from must be a day"), refused.prettify());
        assertTrue(refused.getString("errors[2].message").contains("plain number"), refused.prettify());
        assertTrue(refused.getString("errors[3].message").contains("cells"), refused.prettify());
        assertTrue(refused.getString("errors[4].message").contains("negative"), refused.prettify());
        assertTrue(refused.getString("errors[4].message").contains("currency"), refused.prettify());
        assertEquals(0, Db.count("SELECT count(*) FROM source_cost WHERE utm_source IN (?, ?)", google, linkedin));
        importCsv(marketer, "utm_source,utm_campain,amount,currency,month\n" + google + ",x,1,EUR,2026-01\n", 422);

        // The good file: google's campaign inside the period, linkedin's over 20 days of which the report shows 10, and
        // a cost of the whole google source that no campaign row can take.
        String good = "utm_source,utm_medium,utm_campaign,from,to,amount,currency\n"
                + google + ",cpc,spring," + today.minusDays(9) + "," + today + ",800,EUR\n"
                + linkedin + ",social,launch," + today.minusDays(19) + "," + today + ",800.00,eur\n"
                + google + ",,," + today.minusDays(9) + "," + today + ",100,EUR\n";
        JsonPath imported = importCsv(marketer, good, 200);
        assertEquals(3, imported.getInt("added"));
        // Importing it again replaces, never doubles.
        assertEquals(3, importCsv(marketer, good, 200).getInt("replaced"));

        JsonPath report = report(marketer, "campaign", today);
        assertEquals("EUR", report.getString("currency"));
        Map<String, Object> g = row(report, google + " / cpc / spring");
        assertEquals(40, g.get("views"));
        assertEquals(4, g.get("leads"));
        assertEquals(3, g.get("self_qualified"));
        assertEquals(2, g.get("accepted"));
        assertEquals(2, g.get("won"));
        assertEquals(1, g.get("lost"));
        assertEquals(4000.0f, ((Number) g.get("revenue")).floatValue());
        assertEquals(3, g.get("outcomes"));
        assertEquals(4.0f, ((Number) g.get("median_days_to_outcome")).floatValue());
        assertEquals(800.0f, ((Number) g.get("cost")).floatValue());
        assertEquals(266.67f, ((Number) g.get("cost_per_qualified_lead")).floatValue());
        assertEquals(400.0f, ((Number) g.get("cost_per_won_deal")).floatValue());
        assertEquals(5.0f, ((Number) g.get("revenue_per_cost")).floatValue());
        Map<String, Object> l = row(report, linkedin + " / social / launch");
        assertEquals(10, l.get("views"));
        assertEquals(2, l.get("leads"));
        assertEquals(2, l.get("self_qualified"));
        assertEquals(0, l.get("accepted"));
        assertEquals(0, l.get("won"));
        assertEquals(400.0f, ((Number) l.get("cost")).floatValue(), "10 of the cost's 20 days");
        assertEquals(200.0f, ((Number) l.get("cost_per_qualified_lead")).floatValue());
        assertNull(l.get("cost_per_won_deal"));
        assertEquals(0.0f, ((Number) l.get("revenue_per_cost")).floatValue());
        assertTrue(((Number) report.get("unallocated_cost")).floatValue() >= 100.0f);
        assertTrue(report.getList("notes", String.class).stream().anyMatch(n -> n.contains("cannot be split")));

        // By source, the whole-source cost joins google's row.
        Map<String, Object> bySource = row(report(marketer, "source", today), google);
        assertEquals(900.0f, ((Number) bySource.get("cost")).floatValue());
        assertEquals(4.44f, ((Number) bySource.get("revenue_per_cost")).floatValue(), 0.01f);
        // By referring domain: host only, lower case, without www.
        Map<String, Object> byReferrer = row(report(marketer, "referrer", today), "news-" + tag + ".example");
        assertEquals(1, byReferrer.get("leads"));
        assertEquals(1, byReferrer.get("won"));

        // The export names each lead's source.
        String csv = given().header("Authorization", "Bearer " + admin)
                .accept("text/csv")
                .queryParam("search", "src-" + tag + "-0")
                .get("/api/leads")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(csv.lines().findFirst().orElseThrow().contains(",utm_source,utm_medium,utm_campaign,referrer"), csv);
        // The referrer's query string (which may carry an address or a click id) stays out of the export.
        assertTrue(csv.contains("," + google + ",cpc,Spring,https://www.News-" + tag + ".example/post,"), csv);

        // The page a marketer reads: charts, the table and the import, at phone width; a bad upload names its line.
        com.microsoft.playwright.Page page =
                io.leadgate.testing.Browsers.signedIn(base, "admin@localhost", "test-admin-password");
        page.setViewportSize(390, 844);
        page.navigate(base + "admin/sources?from=" + today.minusDays(9) + "&to=" + today);
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.getByRole(
                                com.microsoft.playwright.options.AriaRole.ROWHEADER,
                                new com.microsoft.playwright.Page.GetByRoleOptions()
                                        .setName(google + " / cpc / spring"))
                        .first())
                .isVisible();
        io.leadgate.testing.PageChecks.check(page, "sources-phone");
        page.getByLabel("CSV file")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload(
                        "costs.csv",
                        "text/csv",
                        ("utm_source,amount,currency,month\n" + google + ",12,EUR,2026-13\n")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new com.microsoft.playwright.Page.GetByRoleOptions().setName("Import costs"))
                .click();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
                        page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
                .containsText("Line 2: month must be like 2026-11");
        io.leadgate.testing.PageChecks.check(page, "sources-import-refused");
        page.context().close();

        // Sales may not read costs; nobody without a token may.
        given().get("/api/sources/report").then().statusCode(401);
        given().header("Authorization", "Bearer " + admin)
                .get("/api/sources/costs")
                .then()
                .statusCode(200);
    }

    private int seq;
    private String tag;

    private String submit(String fit, String source, String medium, String campaign, String referrer) {
        Map<String, Object> answers = new HashMap<>(Map.of(
                "fit", fit,
                "name", "Lead " + seq,
                "email", DemoAnswers.uniqueEmail("src-" + tag + "-" + seq++),
                "utm_source", source,
                "utm_medium", medium,
                "utm_campaign", campaign));
        Map<String, Object> body = new HashMap<>(Map.of("answers", answers));
        if (referrer != null) {
            body.put("referrer", referrer);
        }
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/forms/booking-test/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
    }

    private String marketerToken() {
        User marketer = QuarkusTransaction.requiringNew()
                .call(() -> User.byEmail("sources@pipewise.example").orElse(null));
        return users.issueToken(
                (marketer != null
                                ? marketer
                                : users.create(
                                        "sources@pipewise.example",
                                        "Sources",
                                        "a-long-test-password",
                                        io.leadgate.access.Role.MARKETER))
                        .id,
                "sources");
    }

    private static void accepted(String lead) {
        Db.update(
                "INSERT INTO sales_feedback (lead_id, outcome, recorded_by, recorded_at)"
                        + " SELECT id, 'accepted', 'rosa@booking-test.example', now() FROM lead WHERE public_id = ?",
                lead);
    }

    private static void outcome(String token, String lead, Map<String, Object> outcome) {
        given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(outcome)
                .post("/api/leads/" + lead + "/outcome")
                .then()
                .statusCode(200);
    }

    private static void ageFirstSubmission(String lead, int days) {
        Db.update(
                "UPDATE submission SET submitted_at = submitted_at - make_interval(days => ?)"
                        + " WHERE lead_id = (SELECT id FROM lead WHERE public_id = ?)",
                days,
                lead);
    }

    private static void view(String source, String medium, String campaign, String visit) {
        Db.update(
                "INSERT INTO funnel_event (form_id, form_version, type, visit, utm_source, utm_medium, utm_campaign,"
                        + " occurred_at) VALUES ('booking-test', 'v', 'view', ?, ?, ?, ?, now())",
                visit,
                source,
                medium,
                campaign);
    }

    private static JsonPath importCsv(String token, String csv, int status) {
        return given().header("Authorization", "Bearer " + token)
                .contentType("text/csv")
                .body(csv)
                .post("/api/sources/costs/import")
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    private static JsonPath report(String token, String group, LocalDate today) {
        return given().header("Authorization", "Bearer " + token)
                .queryParam("from", today.minusDays(9).toString())
                .queryParam("to", today.toString())
                .queryParam("group", group)
                .get("/api/sources/report")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Map<String, Object> row(JsonPath report, String label) {
        List<Map<String, Object>> rows = report.getList("rows");
        return rows.stream()
                .filter(r -> label.equals(r.get("label")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in " + report.prettify()));
    }
}
