package io.leadgate.nurture;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.testing.Browsers;
import io.leadgate.testing.Db;
import io.leadgate.testing.PageChecks;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 8058: the one-click POST unsubscribes, a GET does not, repeats change nothing, and only the address's hash is kept. */
@QuarkusTest
class UnsubscribeTest {

    @Inject
    Unsubscribes unsubscribes;

    @TestHTTPResource("/")
    URL base;

    private String lead(String email) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("answers", DemoAnswers.nurture(email)))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
    }

    @Test
    void aGetOnlyAsksAndAOneClickPostUnsubscribesOnce() {
        String email = DemoAnswers.uniqueEmail("unsub");
        String token = unsubscribes.tokenFor(lead(email));

        given().get("/u/" + token)
                .then()
                .statusCode(200)
                .body(containsString("Stop these emails?"))
                .header("Referrer-Policy", "no-referrer");
        assertFalse(unsubscribes.isSuppressed(email), "a link scanner's GET changes nothing");

        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("List-Unsubscribe", "One-Click")
                .post("/u/" + token)
                .then()
                .statusCode(200)
                .body(containsString("You are unsubscribed"));
        assertTrue(unsubscribes.isSuppressed(email));
        assertTrue(
                unsubscribes.isSuppressed(email.toUpperCase().replace("@", "+news@")), "every spelling of the mailbox");
        given().contentType("multipart/form-data")
                .multiPart("List-Unsubscribe", "One-Click")
                .post("/u/" + token)
                .then()
                .statusCode(200)
                .body(containsString("You had already unsubscribed"));
        assertEquals(
                1L,
                Db.count(
                        "SELECT count(*) FROM lead_event e JOIN lead l ON l.id = e.lead_id WHERE l.email = ? AND e.type = 'unsubscribed'",
                        email));
        assertEquals(0L, Db.count("SELECT count(*) FROM suppression WHERE email_hash LIKE ?", "%" + email + "%"));
    }

    @Test
    void aChangedTokenIsRefused() {
        String token = unsubscribes.tokenFor(lead(DemoAnswers.uniqueEmail("forged")));
        String forged = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");
        given().get("/u/" + forged).then().statusCode(404).body(containsString("This link is not valid"));
        given().post("/u/" + forged).then().statusCode(404);
        given().post("/u/not-a-token").then().statusCode(404);
    }

    @Test
    void theUnsubscribePagesPassTheChecksAndWorkByKeyboard() {
        String token = unsubscribes.tokenFor(lead(DemoAnswers.uniqueEmail("unsub-page")));
        Page page = Browsers.chromium().newPage();
        page.navigate(base + "u/" + token);
        PageChecks.check(page, "unsubscribe-confirm");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unsubscribe"))
                .focus();
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You are unsubscribed")))
                .isVisible();
        PageChecks.check(page, "unsubscribe-done");
        page.navigate(base + "u/broken.token");
        PageChecks.check(page, "unsubscribe-invalid");
        page.close();
    }

    @Test
    void twoUnsubscribesAtOnceBothAnswerAndRecordOnce() throws Exception {
        String email = DemoAnswers.uniqueEmail("unsub-race");
        String leadId = lead(email);
        String token = unsubscribes.tokenFor(leadId);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> clicks = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clicks.add(pool.submit(() -> given().contentType(ContentType.URLENC)
                        .formParam("List-Unsubscribe", "One-Click")
                        .post("/u/" + token)
                        .statusCode()));
            }
            for (java.util.concurrent.Future<Integer> click : clicks) {
                org.junit.jupiter.api.Assertions.assertEquals(200, click.get());
            }
        } finally {
            pool.shutdown();
        }
        org.junit.jupiter.api.Assertions.assertEquals(
                1L,
                Db.count(
                        "SELECT count(*) FROM lead_event e JOIN lead l ON l.id = e.lead_id WHERE l.public_id = ?"
                                + " AND e.type = 'unsubscribed'",
                        leadId));
        assertTrue(unsubscribes.isSuppressed(email));
    }
}
