package io.leadgate.admin;

import com.microsoft.playwright.Page;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Browsers;
import io.leadgate.testing.Db;
import io.leadgate.testing.PageChecks;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** In capture mode (dev mode's default) nothing leaves: the outbox page shows what would have been sent. */
@QuarkusTest
@TestProfile(DevOutboxTest.CaptureMode.class)
class DevOutboxTest {

    /** Delivery as dev mode does it. */
    public static class CaptureMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadgate.delivery.mode", "capture");
        }
    }

    @TestHTTPResource("/dev/outbox")
    URL page;

    @Test
    void capturedMessagesAreShownInsteadOfSent() {
        String email = DemoAnswers.uniqueEmail("captured");
        String leadId = given().contentType(ContentType.JSON)
                .body(Map.of("answers", DemoAnswers.qualified(email)))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        long deadline = System.currentTimeMillis() + 15_000;
        while (Db.count("SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND status = 'DELIVERED'", leadId)
                        < 2
                && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(
                2L,
                Db.count("SELECT count(*) FROM outbox_message WHERE subject_ref = ? AND status = 'DELIVERED'", leadId));
        assertEquals(
                "captured in dev mode, not sent",
                Db.rows(
                                "SELECT a.response_excerpt FROM delivery_attempt a JOIN outbox_message m"
                                        + " ON m.message_id = a.message_id WHERE m.subject_ref = ?",
                                leadId)
                        .getFirst()
                        .get("response_excerpt"));

        given().get("/dev/outbox")
                .then()
                .statusCode(200)
                .body(containsString(
                        "Qualified lead: Ana Silva, Acme (score 100, A) via See if Pipewise is a fit for your team"))
                .body(containsString("https://crm.pipewise.example"))
                .body(containsString("&quot;type&quot; : &quot;lead.qualified&quot;"))
                .body(not(containsString("<script")));

        Page browser = Browsers.chromium().newPage();
        browser.navigate(page.toString());
        PageChecks.check(browser, "dev-outbox");
        browser.close();
    }
}
