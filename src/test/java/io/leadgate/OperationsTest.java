package io.leadgate;

import io.leadgate.testing.Metrics;
import io.leadgate.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What operators rely on: health that reflects the database and the forms, metrics, and the API's documentation. */
@QuarkusTest
class OperationsTest {

    @Test
    void readinessReportsTheDatabaseAndTheForms() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("forms"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.find { it.name == 'forms' }.data.valid", equalTo(2));
    }

    @Test
    void prometheusMetricsIncludeTheFormsForATokenOnly() {
        given().when().get("/q/metrics").then().statusCode(401);
        String metrics = Metrics.scrape();
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("leadgate_forms{state=\"valid\"} 2.0"), metrics);
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("leadgate_forms{state=\"broken\"} 0.0"));
    }

    @Test
    void theApiIsDocumentedAndItsUiIsForSignedInUsers() {
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Leadgate API"));
        given().redirects()
                .follow(false)
                .when()
                .get("/q/swagger-ui/")
                .then()
                .statusCode(302)
                .header("Location", containsString("/admin/login"));
    }

    @Test
    void backOfficePagesAreNeverCachedAndRunUnderAStrictPolicy() {
        given().get("/admin/login")
                .then()
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Strict-Transport-Security", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void theFormSchemaIsPublished() {
        given().when()
                .get("/schemas/form.schema.json")
                .then()
                .statusCode(200)
                .body("title", equalTo("Leadgate questionnaire"));
    }

    @Test
    void everyServedFormVersionIsArchivedInPostgres() throws Exception {
        try (Connection db = TestDatabase.server().connect();
                ResultSet rows = db.createStatement()
                        .executeQuery(
                                "SELECT form_id, version, content_hash FROM form_version WHERE form_id IN ('demo-saas', 'agency-brief')")) {
            assertTrue(db.getMetaData().getDatabaseProductName().contains("PostgreSQL"));
            int count = 0;
            while (rows.next()) {
                count++;
                assertTrue(rows.getString("content_hash").length() == 64);
            }
            assertTrue(count >= 2, "both demo forms archived");
        }
    }
}
