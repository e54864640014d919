package io.leadgate.forms;

import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.testing.Db;
import io.leadgate.testing.Eventually;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forms kept in PostgreSQL through the API a pipeline uses: drafts save whatever they hold, only valid documents
 * publish, every version stays downloadable and restorable, files stay read-only, and bad input loses nothing.
 */
@QuarkusTest
class FormStoreApiTest {

    @Inject
    Users users;

    @Inject
    FormRegistry registry;

    private String marketer;
    private String sales;

    @BeforeEach
    void tokens() {
        marketer = tokenFor("mia.studio@pipewise.example", Role.MARKETER);
        sales = tokenFor("sam.studio@pipewise.example", Role.SALES);
    }

    private String tokenFor(String email, Role role) {
        User user =
                QuarkusTransaction.requiringNew().call(() -> User.byEmail(email).orElse(null));
        if (user == null) {
            user = users.create(email, email, "a-long-test-password", role);
        }
        return users.issueToken(user.id, "test");
    }

    private RequestSpecification asMarketer() {
        return given().header("Authorization", "Bearer " + marketer);
    }

    static String form(String id, String question, int qualifiedMin) {
        return """
                # A form written in the studio.
                id: %s
                title: Studio form
                dimensions:
                  need: {max: 100}
                steps:
                  - id: only
                    questions:
                      - id: need
                        type: single
                        label: "%s"
                        required: true
                        options:
                          - {value: big, label: Big, points: {need: 100}}
                          - {value: small, label: Small, points: {need: 20}}
                      - {id: email, type: email, label: Email, required: true}
                outcomes: {qualified: {min: %d}, nurture: {min: 10}}
                routing:
                  qualified:
                    email: [sales@studio.example]
                """.formatted(id, question, qualifiedMin);
    }

    private Response put(String id, String yaml, String ifMatch) {
        RequestSpecification request = asMarketer().contentType("application/yaml");
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.body(yaml.getBytes(StandardCharsets.UTF_8)).put("/api/forms/" + id + "/draft");
    }

    @Test
    void aDraftPublishesAsVersionOneAndIsServedRestoredAndAudited() {
        String id = "studio-" + UUID.randomUUID().toString().substring(0, 8);
        put(id, form(id, "How big is your need?", 70), null)
                .then()
                .statusCode(200)
                .body("revision", equalTo(1))
                .body("publishable", equalTo(true));
        given().get("/f/" + id).then().statusCode(404);

        asMarketer()
                .post("/api/forms/" + id + "/publish")
                .then()
                .statusCode(201)
                .body("version", equalTo(1));
        given().get("/f/" + id).then().statusCode(200).body(containsString("How big is your need?"));

        put(id, form(id, "What do you need most?", 80), "\"1\"").then().statusCode(200);
        asMarketer()
                .post("/api/forms/" + id + "/publish")
                .then()
                .statusCode(201)
                .body("version", equalTo(2));
        given().get("/f/" + id).then().statusCode(200).body(containsString("What do you need most?"));

        asMarketer()
                .get("/api/forms/" + id + "/versions/1")
                .then()
                .statusCode(200)
                .header("Content-Disposition", containsString(id + "-v1.yaml"))
                .body(equalTo(form(id, "How big is your need?", 70)));
        asMarketer()
                .post("/api/forms/" + id + "/versions/1/restore")
                .then()
                .statusCode(201)
                .body("version", equalTo(3));
        given().get("/f/" + id).then().statusCode(200).body(containsString("How big is your need?"));

        List<Integer> versions = asMarketer()
                .get("/api/forms/" + id + "/versions")
                .then()
                .statusCode(200)
                .body("[0].published_by", equalTo("mia.studio@pipewise.example"))
                .extract()
                .path("version");
        assertEquals(List.of(3, 2, 1), versions);
        List<String> actions = asMarketer()
                .get("/api/forms/" + id + "/audit")
                .then()
                .statusCode(200)
                .extract()
                .path("action");
        assertEquals(List.of("restored", "published", "draft-saved", "published", "draft-saved"), actions);
    }

    @Test
    void aDraftWithErrorsSavesButNeverPublishes() {
        String id = "studio-" + UUID.randomUUID().toString().substring(0, 8);
        String typo = form(id, "Need?", 70).replace("type: single", "type: singel");
        put(id, typo, null)
                .then()
                .statusCode(200)
                .body("publishable", equalTo(false))
                .body("problems[0].line", equalTo(10))
                .body("problems[0].message", containsString("singel"));
        asMarketer()
                .post("/api/forms/" + id + "/publish")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("10:15"));
        given().get("/f/" + id).then().statusCode(404);
        asMarketer().get("/api/forms/" + id + "/draft").then().statusCode(200).body(containsString("singel"));
    }

    @Test
    void twoEditorsOfOneDraftGetAConflictAndLoseNothing() {
        String id = "studio-" + UUID.randomUUID().toString().substring(0, 8);
        put(id, form(id, "First?", 70), null).then().statusCode(200);
        put(id, form(id, "Second?", 70), "\"1\"").then().statusCode(200).body("revision", equalTo(2));
        put(id, form(id, "Stale?", 70), "\"1\"").then().statusCode(409).body("detail", containsString("revision 2"));
        asMarketer()
                .get("/api/forms/" + id + "/draft")
                .then()
                .header("ETag", "\"2\"")
                .body(containsString("Second?"))
                .body(not(containsString("Stale?")));
    }

    @Test
    void formsManagedByFilesAreReadOnlyHereWithTheirHistory() {
        asMarketer()
                .get("/api/forms/demo-saas/draft")
                .then()
                .statusCode(200)
                .header("Leadgate-Managed-In-File", containsString("demo-saas.yaml"))
                .body(containsString("id: demo-saas"));
        put("demo-saas", form("demo-saas", "Hijack?", 70), null)
                .then()
                .statusCode(409)
                .body("detail", containsString("demo-saas.yaml manages this form"));
        asMarketer()
                .get("/api/forms/demo-saas/versions")
                .then()
                .statusCode(200)
                .body("published_by", hasItem(containsString("demo-saas.yaml")));
    }

    @Test
    void onlyMarketersAndAdminsWithATokenMayChangeForms() {
        String id = "studio-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/yaml")
                .body(form(id, "Q?", 70).getBytes(StandardCharsets.UTF_8))
                .put("/api/forms/" + id + "/draft")
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + sales)
                .contentType("application/yaml")
                .body(form(id, "Q?", 70).getBytes(StandardCharsets.UTF_8))
                .put("/api/forms/" + id + "/draft")
                .then()
                .statusCode(403);
        given().post("/api/forms/demo-saas/publish").then().statusCode(401);
        given().get("/api/forms/demo-saas/versions").then().statusCode(401);
        given().get("/api/forms/demo-saas/token").then().statusCode(200);
    }

    @Test
    void badInputIsRefusedClearlyAndNothingIsHalfSaved() {
        String id = "studio-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] huge = new byte[FormStudio.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) '#');
        asMarketer()
                .contentType("application/yaml")
                .body(huge)
                .put("/api/forms/" + id + "/draft")
                .then()
                .statusCode(413)
                .body("detail", containsString("larger than the 256 KB"));
        asMarketer()
                .contentType("application/yaml")
                .body(new byte[] {'i', 'd', ':', ' ', (byte) 0xC3, (byte) 0x28})
                .put("/api/forms/" + id + "/draft")
                .then()
                .statusCode(400)
                .body("detail", containsString("UTF-8"));
        put("Not A Name", form("x", "Q?", 70), null).then().statusCode(400);
        put(id, form(id, "Q\u0000?", 70), null).then().statusCode(400).body("detail", containsString("NUL"));
        assertEquals(0L, Db.count("SELECT count(*) FROM form_document WHERE name = ?", id), "nothing half-saved");

        String bomb =
                "id: " + id + "\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                        + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                        + "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
        put(id, bomb, null).then().statusCode(200).body("publishable", equalTo(false));
        asMarketer().post("/api/forms/" + id + "/publish").then().statusCode(422);

        String twice = form(id, "Q?", 70).replace("title: Studio form", "title: Studio form\ntitle: Again");
        put(id, twice, null).then().statusCode(200).body("problems[0].message", containsString("appears twice"));
    }

    @Test
    void aVersionAnotherInstancePublishesIsServedWithinTwoSeconds() {
        String id = "studio-" + UUID.randomUUID().toString().substring(0, 8);
        // What another instance's publish writes, and the notification it sends, straight through the database.
        Db.update(
                "INSERT INTO form_document (kind, name, draft_revision, created_at) VALUES ('form', ?, 0, now())", id);
        Db.update(
                "INSERT INTO form_document_version (document_id, version_number, content, content_hash, published_by,"
                        + " published_at) SELECT id, 1, ?, 'elsewhere', 'other instance', now() FROM form_document"
                        + " WHERE kind = 'form' AND name = ?",
                form(id, "Published elsewhere?", 70),
                id);
        long start = System.nanoTime();
        Db.row("SELECT pg_notify('leadgate_forms', ?)", "form:" + id);
        Eventually.holds(() -> registry.find(id).isPresent(), "served after the notification");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2_000, "served " + millis + " ms after publishing");
        given().get("/f/" + id).then().statusCode(200).body(containsString("Published elsewhere?"));
    }

    @Test
    void sequencesAreStoredAndPublishedTheSameWay() {
        String id = "studio-seq-" + UUID.randomUUID().toString().substring(0, 8);
        String sequence = """
                name: Studio sequence
                steps:
                  - id: hello
                    delay: P1D
                    subject: "Hello {lead.firstName}"
                    html: '<p><a href="{links.requalify}">Tell us more</a></p>'
                    text: "Tell us more: {links.requalify}"
                """;
        asMarketer()
                .contentType("application/yaml")
                .body(sequence.getBytes(StandardCharsets.UTF_8))
                .put("/api/sequences/" + id + "/draft")
                .then()
                .statusCode(200)
                .body("publishable", equalTo(true));
        asMarketer().post("/api/sequences/" + id + "/publish").then().statusCode(201);
        assertTrue(registry.sequence(id).orElseThrow() instanceof ValidSequence);
    }
}
