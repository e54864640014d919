package io.leadgate.experiments;

import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.WithTestForms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Experiments through the API and the hosted form: bad plans get a clear 422, visitors keep their variant across
 * reloads and the embed, every lead, webhook and export names it, and the comparison counts what each variant brought.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class ExperimentApiTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"_token\" value=\"([^\"]+)\"");
    private static final Pattern ASSIGNMENT = Pattern.compile("data-assignment=\"([^\"]+)\"");
    private static final Pattern TITLE = Pattern.compile("<h1>([^<]+)</h1>");

    @Inject
    Users users;

    private String marketer;
    private String admin;

    @BeforeEach
    void tokens() {
        Receiver.get();
        marketer = tokenFor("mia.experiment@pipewise.example", Role.MARKETER);
        admin = tokenFor("ada.experiment@pipewise.example", Role.ADMIN);
    }

    private String tokenFor(String email, Role role) {
        User user =
                QuarkusTransaction.requiringNew().call(() -> User.byEmail(email).orElse(null));
        if (user == null) {
            user = users.create(email, email, "a-long-test-password", role);
        }
        return users.issueToken(user.id, "test");
    }

    private RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** A form whose title names the variant and whose "small" answer is worth {@code smallFit} points. */
    static String form(String id, String title, int smallFit) {
        return form(id, title, smallFit, "");
    }

    static String form(String id, String title, int smallFit, String extra) {
        return extra + """
                id: %s
                title: %s
                dimensions:
                  fit: {max: 60}
                  need: {max: 40}
                steps:
                  - id: only
                    questions:
                      - id: size
                        type: single
                        label: Team size
                        required: true
                        options:
                          - {value: big, label: Big, points: {fit: 30}}
                          - {value: small, label: Small, points: {fit: %d}}
                      - id: need
                        type: single
                        label: Need
                        required: true
                        options:
                          - {value: "yes", label: "Yes", points: {need: 40}}
                          - {value: "no", label: "No", points: {need: 0}}
                      - {id: email, type: email, label: Email, required: true}
                outcomes:
                  qualified: {min: 70, thank-you: {title: "Thanks from %s"}}
                  nurture: {min: 30, thank-you: {title: "Thanks from %s"}}
                embed:
                  allowed-origins: ["http://localhost:8081"]
                routing:
                  qualified:
                    email: [sales@experiment.example]
                    webhooks:
                      - {url: "${LEADGATE_SECRET_TEST_RECEIVER}/hooks/experiment-%s", secret: "${LEADGATE_SECRET_TEST_WEBHOOK}", events: [lead.qualified]}
                """.formatted(id, title, smallFit, title, title, id);
    }

    /** A studio form published as "Plan A" with a draft "Plan B" that qualifies small teams too. */
    String publishedWithDraft() {
        String id = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        saveDraft(id, form(id, "Plan A", 10));
        as(marketer).post("/api/forms/" + id + "/publish").then().statusCode(201);
        Eventually.holds(() -> given().get("/f/" + id).statusCode() == 200, "the published form is served");
        saveDraft(id, form(id, "Plan B", 30));
        return id;
    }

    private void saveDraft(String id, String yaml) {
        as(marketer)
                .contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .put("/api/forms/" + id + "/draft")
                .then()
                .statusCode(200);
    }

    private Response start(String id, Object plan) {
        return as(marketer).contentType(ContentType.JSON).body(plan).post("/api/forms/" + id + "/experiments");
    }

    /** A plan of two variants, each a source and its share. */
    private static Map<String, Object> plan(String first, int firstShare, String second, int secondShare) {
        return Map.of(
                "variants",
                List.of(Map.of("source", first, "share", firstShare), Map.of("source", second, "share", secondShare)));
    }

    private void refused(String id, Map<String, Object> plan, String because) {
        start(id, plan).then().statusCode(422).body("detail", containsString(because));
    }

    private static Map<String, Object> fiftyFifty() {
        return Map.of(
                "name",
                "Small teams qualify",
                "variants",
                List.of(Map.of("source", "published", "share", 50), Map.of("source", "draft", "share", 50)));
    }

    /** One page view: the variant's title, its form token, its signed assignment and the cookie set. */
    record View(String title, String token, String assignment, String cookie) {}

    private static View view(String id, Map<String, String> cookies, String query) {
        Response page = given().cookies(cookies).get("/f/" + id + query);
        page.then().statusCode(200);
        String html = page.asString();
        return new View(
                find(TITLE, html), find(TOKEN, html), find(ASSIGNMENT, html), page.getCookie("lg-variant-" + id));
    }

    private static String find(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        return matcher.find() ? matcher.group(1) : null;
    }

    @Test
    void badPlansGetAClear422AndOnlyMarketersAndAdminsStartOne() {
        String id = publishedWithDraft();
        start(id, Map.of("variants", List.of(Map.of("source", "published", "share", 100))))
                .then()
                .statusCode(422)
                .body("detail", containsString("two to four variants"));
        refused(id, plan("published", 60, "draft", 50), "add up to 110 percent");
        refused(id, plan("published", 50, "9", 50), "has no version 9");
        refused(id, plan("published", 50, "1", 50), "same text");
        refused(id, plan("published", 50, "../etc/passwd", 50), "'published', 'draft' or a version number");
        start(id, Map.of("name", "x".repeat(201), "variants", fiftyFifty().get("variants")))
                .then()
                .statusCode(422);
        saveDraft(id, form(id, "Plan B", 30).replace("sales@experiment.example", "old-team@experiment.example"));
        start(id, fiftyFifty())
                .then()
                .statusCode(422)
                .body("detail", containsString("differs from the published form in routing"));
        saveDraft(id, form(id, "Plan B", 30));
        start("no-such-form", fiftyFifty()).then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body(fiftyFifty())
                .post("/api/forms/" + id + "/experiments")
                .then()
                .statusCode(401);
        String sales = tokenFor("sam.experiment@pipewise.example", Role.SALES);
        as(sales)
                .contentType(ContentType.JSON)
                .body(fiftyFifty())
                .post("/api/forms/" + id + "/experiments")
                .then()
                .statusCode(403);

        long experiment = start(id, fiftyFifty())
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        start(id, fiftyFifty()).then().statusCode(422).body("detail", containsString("already running on this form"));
        as(marketer)
                .contentType(ContentType.JSON)
                .body(Map.of("variant", "E"))
                .post("/api/forms/" + id + "/experiments/" + experiment + "/promote")
                .then()
                .statusCode(422)
                .body("detail", containsString("no variant 'E'"));
        as(marketer)
                .post("/api/forms/" + id + "/experiments/" + experiment + "/end")
                .then()
                .statusCode(204);
        as(marketer)
                .post("/api/forms/" + id + "/experiments/" + experiment + "/end")
                .then()
                .statusCode(409);
        as(marketer)
                .get("/api/forms/" + id + "/experiments/" + (experiment + 1000))
                .then()
                .statusCode(404);
        given().get("/f/" + id).then().body(containsString("<h1>Plan A</h1>"));
    }

    @Test
    void visitorsKeepTheirVariantAndEveryLeadWebhookAndExportNamesIt() throws Exception {
        String id = publishedWithDraft();
        // A customer who bought before the experiment comes back during it: their old deal is no variant's revenue.
        String customer = UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        String customerLead = given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("size", "big", "need", "yes", "email", customer)))
                .post("/api/forms/" + id + "/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        as(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("status", "won", "amount", 100000, "currency", "EUR"))
                .post("/api/leads/" + customerLead + "/outcome")
                .then()
                .statusCode(200);
        long experiment = start(id, fiftyFifty())
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");

        // Thirty visitors land; each keeps the variant of their first view on a reload and through the embed.
        List<View> firstViews = new ArrayList<>();
        Map<String, Integer> views = new HashMap<>(Map.of("A", 0, "B", 0));
        for (int i = 0; i < 30; i++) {
            View first = view(id, Map.of(), "");
            assertNotNull(first.assignment(), "the page names its variant");
            assertEquals(first.assignment(), first.cookie(), "the form's own page keeps it in a first-party cookie");
            String key = first.title().equals("Plan A") ? "A" : "B";
            View reload = view(id, Map.of("lg-variant-" + id, first.cookie()), "");
            assertEquals(first.title(), reload.title(), "a reload shows the same variant");
            View embedded = view(id, Map.of(), "?origin=http://localhost:8081&lg_variant=" + first.assignment());
            assertEquals(first.title(), embedded.title(), "the embed's kept assignment shows the same variant");
            assertNull(embedded.cookie(), "an embedded page sets no cookie");
            views.merge(key, 3, Integer::sum);
            firstViews.add(first);
        }
        assertTrue(views.get("A") > 0 && views.get("B") > 0, "both variants are shown: " + views);

        // A forged or altered assignment is ignored: it gets a fresh draw, never a variant of someone's choosing.
        View forged = view(id, Map.of(), "?lg_variant=" + experiment + ":B");
        assertNotNull(forged.assignment());

        Thread.sleep(3100); // the form refuses answers sent faster than a person fills it
        Map<String, String> leadsByEmail = new HashMap<>();
        for (View first : firstViews) {
            String email = first == firstViews.getFirst()
                    ? customer
                    : UUID.randomUUID().toString().substring(0, 8) + "@prospect.example";
            String thanks = given().redirects()
                    .follow(false)
                    .contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                    .formParam("_token", first.token())
                    .formParam("_step", "0")
                    .formParam("size", "small")
                    .formParam("need", "yes")
                    .formParam("email", email)
                    .post("/f/" + id)
                    .then()
                    .statusCode(303)
                    .extract()
                    .header("Location");
            // The thank-you page is the variant's own.
            given().get(thanks).then().statusCode(200).body(containsString("Thanks from " + first.title()));
            leadsByEmail.put(email, first.title().equals("Plan A") ? "A" : "B");
        }
        long submittedB = leadsByEmail.values().stream().filter("B"::equals).count();
        long submittedA = leadsByEmail.size() - submittedB;
        String customerVariant = leadsByEmail.get(customer);

        // Each submission records its variant: B's points qualify small teams, A's leave them in nurture.
        for (Map<String, Object> row : Db.rows(
                "SELECT l.email, s.experiment_id, s.variant, s.verdict FROM submission s JOIN lead l ON l.id = s.lead_id"
                        + " WHERE s.form_id = ? AND s.experiment_id IS NOT NULL",
                id)) {
            String variant = leadsByEmail.get((String) row.get("email"));
            assertEquals(variant, row.get("variant"));
            assertEquals(experiment, ((Number) row.get("experiment_id")).longValue());
            assertEquals(variant.equals("B") ? "qualified" : "nurture", row.get("verdict"));
        }

        // The webhook of a qualified lead names the experiment and variant.
        long newOnB = submittedB - ("B".equals(customerVariant) ? 1 : 0);
        Eventually.holds(
                () -> Receiver.get().to("/hooks/experiment-" + id).stream()
                                .filter(r -> r.body().contains("\"experiment\""))
                                .count()
                        >= newOnB,
                "every qualified lead's webhook arrives");
        for (Receiver.Request request : Receiver.get().to("/hooks/experiment-" + id)) {
            JsonPath hook = JsonPath.from(request.body());
            assertEquals(
                    java.util.Set.of(),
                    com.networknt.schema.JsonSchemaFactory.getInstance(
                                    com.networknt.schema.SpecVersion.VersionFlag.V202012)
                            .getSchema(new com.fasterxml.jackson.databind.ObjectMapper()
                                    .readTree(java.nio.file.Path.of(
                                                    "src/main/resources/META-INF/resources/schemas/webhook-payload.schema.json")
                                            .toFile()))
                            .validate(new com.fasterxml.jackson.databind.ObjectMapper().readTree(request.body())),
                    "the payload with its experiment matches the published JSON Schema");
            if (hook.get("data.submission.experiment") != null) {
                assertEquals(experiment, hook.getLong("data.submission.experiment.id"));
                assertEquals("B", hook.getString("data.submission.experiment.variant"));
            }
        }

        // Exports carry it too, as JSON and as CSV columns.
        JsonPath exported = as(admin)
                .get("/api/leads?form=" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(leadsByEmail.size(), exported.getList("$").size());
        for (int i = 0; i < leadsByEmail.size(); i++) {
            assertEquals(
                    leadsByEmail.get(exported.getString("[" + i + "].email")),
                    exported.getString("[" + i + "].experiment.variant"));
        }
        String csv = as(admin).get("/api/leads?format=csv&form=" + id).asString();
        assertTrue(
                csv.startsWith("id,email,name,form_id,score,verdict,grade,assigned_rep,created_at,outcome,amount,"
                        + "currency,experiment_id,variant,"),
                csv.lines().findFirst().orElse(""));
        assertTrue(csv.contains("," + experiment + ",B,"), "a B lead's row names its variant");

        // Three B leads close; the comparison counts views, completions, qualified leads, won deals and revenue.
        List<String> wonB = Db.rows(
                        "SELECT l.public_id FROM submission s JOIN lead l ON l.id = s.lead_id"
                                + " WHERE s.form_id = ? AND s.variant = 'B' AND l.email <> ? LIMIT 3",
                        id,
                        customer)
                .stream()
                .map(r -> (String) r.get("public_id"))
                .toList();
        for (String lead : wonB) {
            as(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("status", "won", "amount", 1000, "currency", "EUR"))
                    .post("/api/leads/" + lead + "/outcome")
                    .then()
                    .statusCode(200);
        }
        int viewsA = views.get("A") + (forged.title().equals("Plan A") ? 1 : 0);
        int viewsB = views.get("B") + (forged.title().equals("Plan B") ? 1 : 0);
        Eventually.holds(
                () -> as(marketer)
                                .get("/api/forms/" + id + "/experiments/" + experiment)
                                .jsonPath()
                                .getLong("variants[1].views")
                        == viewsB,
                "the funnel events are stored");
        JsonPath results = as(marketer)
                .get("/api/forms/" + id + "/experiments/" + experiment)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("A", results.getString("variants[0].key"));
        assertEquals(viewsA, results.getLong("variants[0].views"));
        assertEquals(submittedA, results.getLong("variants[0].completions"));
        assertEquals(0, results.getLong("variants[0].qualified_leads"));
        assertEquals(submittedB, results.getLong("variants[1].completions"));
        assertEquals(submittedB, results.getLong("variants[1].self_qualified"));
        assertEquals(newOnB, results.getLong("variants[1].qualified_leads"), "the returning customer is no new lead");
        assertEquals(Math.min(3, newOnB), results.getLong("variants[1].won_deals"));
        assertEquals(
                1000.0 * Math.min(3, newOnB), results.getDouble("variants[1].revenue"), 1e-9, "no old deal counts");
        assertEquals(0, results.getDouble("variants[0].revenue"), 1e-9, "no old deal counts");
        assertEquals(
                1000.0 * Math.min(3, newOnB) * 1000 / viewsB,
                results.getDouble("variants[1].revenue_per_thousand_views"),
                0.01);
        assertNull(results.get("variants[0].versus"), "the control is not compared with itself");
        if (submittedB >= 5 && submittedA >= 5) {
            assertTrue(
                    results.getDouble("variants[1].versus.qualified.probability_better") > 0.95,
                    "every B completion qualified and no A one did");
        }
        assertTrue(results.getList("too_early").size() > 0, "thirty visitors are too few to call");
        assertEquals(false, results.getBoolean("settled"));

        // Promoting B publishes its text as version 2 and ends the experiment; everyone sees Plan B.
        as(marketer)
                .contentType(ContentType.JSON)
                .body(Map.of("variant", "B"))
                .post("/api/forms/" + id + "/experiments/" + experiment + "/promote")
                .then()
                .statusCode(200)
                .body("published_version", equalTo(2));
        given().get("/f/" + id).then().body(containsString("<h1>Plan B</h1>"));
        as(marketer)
                .get("/api/forms/" + id + "/experiments")
                .then()
                .body("[0].winner", equalTo("B"))
                .body("[0].promoted_version", equalTo(2));
    }

    @Test
    void aHeldSubmissionOnAVariantIsScoredByThatVariantWhenConfirmed() {
        String id = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        saveDraft(id, form(id, "Plan A", 10, "verify-email: true\n"));
        as(marketer).post("/api/forms/" + id + "/publish").then().statusCode(201);
        Eventually.holds(() -> given().get("/f/" + id).statusCode() == 200, "the published form is served");
        saveDraft(id, form(id, "Plan B", 30, "verify-email: true\n"));
        start(id, fiftyFifty()).then().statusCode(201);
        View onB = null;
        for (int i = 0; i < 40 && onB == null; i++) {
            View view = view(id, Map.of(), "");
            onB = view.title().equals("Plan B") ? view : null;
        }
        assertNotNull(onB, "a visitor lands on B");
        String email = UUID.randomUUID().toString().substring(0, 8) + "@prospect.example";
        try {
            Thread.sleep(3100);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        given().redirects()
                .follow(false)
                .contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .formParam("_token", onB.token())
                .formParam("_step", "0")
                .formParam("size", "small")
                .formParam("need", "yes")
                .formParam("email", email)
                .post("/f/" + id)
                .then()
                .statusCode(303);
        Eventually.holds(() -> io.leadgate.testing.Mailbox.to(email).size() == 1, "the confirmation email");
        Matcher link = Pattern.compile("(http://[^\\s\"]+/v/[A-Za-z0-9_-]+)")
                .matcher(io.leadgate.testing.Mails.text(
                        io.leadgate.testing.Mailbox.to(email).getFirst()));
        assertTrue(link.find());
        given().redirects()
                .follow(false)
                .post(link.group(1).replaceFirst("^http://[^/]+", ""))
                .then()
                .statusCode(303);
        Map<String, Object> submission = Db.row(
                "SELECT s.variant, s.verdict FROM submission s JOIN lead l ON l.id = s.lead_id WHERE l.email = ?",
                email);
        assertEquals("B", submission.get("variant"));
        assertEquals("qualified", submission.get("verdict"), "scored by B's points, not the published form's");
    }

    @Test
    void theBetaBinomialComparisonMatchesKnownPosteriors() {
        // 120 of 1,000 against 100 of 1,000: the exact posterior probability that B beats A is about 0.92.
        double[] a = BayesianComparison.rate(100, 1000, 1);
        double[] b = BayesianComparison.rate(120, 1000, 2);
        BayesianComparison.Comparison comparison = BayesianComparison.compare(a, b);
        assertEquals(0.92, comparison.probabilityBetter(), 0.02);
        assertTrue(comparison.differenceLow() < 0 && comparison.differenceHigh() > 0.04);
        assertEquals(
                0.5,
                BayesianComparison.compare(a, BayesianComparison.rate(100, 1000, 3))
                        .probabilityBetter(),
                0.03);
        // Revenue: the same won rate with deals twice the size is very likely better.
        double[] small = BayesianComparison.revenuePerView(50, 50, 1000, 50 * 1000, 1500, 4);
        double[] large = BayesianComparison.revenuePerView(50, 50, 1000, 50 * 2000, 1500, 5);
        assertTrue(BayesianComparison.compare(small, large).probabilityBetter() > 0.97);
    }
}
