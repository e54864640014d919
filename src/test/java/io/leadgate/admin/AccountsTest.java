package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.testing.Db;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts end and pause: tokens are revoked or expire, users are disabled, deleted, given another role or password,
 * and each change holds at once; sign-in is throttled and protected against login CSRF; a 401 explains itself.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class AccountsTest {

    private static final String PASSWORD = "a-long-test-password";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Inject
    Users users;

    private String admin;
    private long bossId;

    @BeforeEach
    void anAdministrator() {
        User boss = user("boss", Role.ADMIN);
        bossId = boss.id;
        admin = users.issueToken(boss.id, "accounts test");
    }

    private User user(String who, Role role) {
        return users.create(
                who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@pipewise.example", who, PASSWORD, role);
    }

    /** Signs in as a browser does (the page's CSRF value in field and cookie); the session cookies, or null. */
    static Map<String, String> signIn(String email, String password, boolean withCsrf) {
        Response page = given().get("/admin/login");
        Matcher matcher = CSRF.matcher(page.asString());
        assertTrue(matcher.find(), "the sign-in form carries its CSRF value");
        var request = given().redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParam("j_username", email)
                .formParam("j_password", password);
        if (withCsrf) {
            request = request.cookie("leadgate-login-csrf", page.getCookie("leadgate-login-csrf"))
                    .formParam("_csrf", matcher.group(1));
        }
        Response answer = request.post("/j_security_check");
        return answer.getHeader("Location") != null
                        && !answer.getHeader("Location").contains("error")
                ? Map.of(
                        "leadgate-session",
                        answer.getCookie("leadgate-session"),
                        "leadgate-session-key",
                        answer.getCookie("leadgate-session-key"))
                : null;
    }

    private static int asSession(Map<String, String> session, String path) {
        return given().redirects().follow(false).cookies(session).get(path).statusCode();
    }

    private static int asToken(String token, String path) {
        return given().header("Authorization", "Bearer " + token).get(path).statusCode();
    }

    @Test
    void aRevokedOrExpiredTokenStopsAtOnceWithAProblemDocument() {
        User rep = user("rep", Role.SALES);
        String token = users.issueToken(rep.id, "crm");
        assertEquals(200, asToken(token, "/api/leads"));
        long tokenId = ((Number) Db.row("SELECT id FROM api_token WHERE user_id = ?", rep.id)
                        .get("id"))
                .longValue();
        given().header("Authorization", "Bearer " + admin)
                .delete("/api/users/" + rep.id + "/tokens/" + tokenId)
                .then()
                .statusCode(204);
        given().header("Authorization", "Bearer " + token)
                .get("/api/leads")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Sign-in required"));

        String expiring = given().header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "short-lived", "expires_at", "2099-01-01T00:00:00Z"))
                .post("/api/users/" + rep.id + "/tokens")
                .then()
                .statusCode(201)
                .body("expires_at", equalTo("2099-01-01T00:00:00Z"))
                .extract()
                .path("token");
        assertEquals(200, asToken(expiring, "/api/leads"));
        Db.update(
                "UPDATE api_token SET expires_at = now() - interval '1 second' WHERE user_id = ? AND name = 'short-lived'",
                rep.id);
        assertEquals(401, asToken(expiring, "/api/leads"), "expired");
        given().header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(Map.of("expires_at", "2001-01-01T00:00:00Z"))
                .post("/api/users/" + rep.id + "/tokens")
                .then()
                .statusCode(422);
        given().get("/api/leads").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aDisabledUsersSessionsAndTokensStopAtOnce() {
        User rep = user("paused", Role.SALES);
        Map<String, String> session = signIn(rep.email, PASSWORD, true);
        String token = users.issueToken(rep.id, "crm");
        assertEquals(200, asSession(session, "/admin/leads"));

        given().header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(Map.of("disabled", true))
                .patch("/api/users/" + rep.id)
                .then()
                .statusCode(200)
                .body("disabled", equalTo(true));
        assertTrue(asSession(session, "/admin/leads") >= 300, "the open session ends");
        assertEquals(401, asToken(token, "/api/leads"));
        assertEquals(null, signIn(rep.email, PASSWORD, true), "and it cannot sign in");

        given().header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(Map.of("disabled", false))
                .patch("/api/users/" + rep.id)
                .then()
                .statusCode(200);
        assertEquals(200, asToken(token, "/api/leads"));
    }

    @Test
    void rolesPasswordsAndDeletionTakeEffect() {
        User rep = user("moved", Role.SALES);
        String token = users.issueToken(rep.id, "crm");
        given().header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(Map.of("role", "marketer", "password", "a-brand-new-passphrase"))
                .patch("/api/users/" + rep.id)
                .then()
                .statusCode(200)
                .body("role", equalTo("marketer"));
        assertEquals(403, asToken(token, "/api/leads"), "marketers see no leads");
        assertEquals(null, signIn(rep.email, PASSWORD, true), "the old password no longer works");
        Map<String, String> session = signIn(rep.email, "a-brand-new-passphrase", true);
        assertEquals(200, asSession(session, "/admin/reports"));
        given().header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(Map.of("password", "yet-another-passphrase"))
                .patch("/api/users/" + rep.id)
                .then()
                .statusCode(200);
        assertTrue(asSession(session, "/admin/reports") >= 300, "a new password ends the sessions made before");

        given().header("Authorization", "Bearer " + admin)
                .delete("/api/users/" + rep.id)
                .then()
                .statusCode(204);
        assertEquals(401, asToken(token, "/api/leads"));
        assertEquals(0L, Db.count("SELECT count(*) FROM api_token WHERE user_id = ?", rep.id));
    }

    @Test
    void nobodyLocksEveryoneOut() {
        given().header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(Map.of("disabled", true))
                .patch("/api/users/" + bossId)
                .then()
                .statusCode(422)
                .body("detail", containsString("your own account"));
        given().header("Authorization", "Bearer " + admin)
                .delete("/api/users/" + bossId)
                .then()
                .statusCode(422);
    }

    @Test
    void signInNeedsItsCsrfValueAndSlowsDownGuessing() {
        User rep = user("guessed", Role.SALES);
        assertEquals(null, signIn(rep.email, PASSWORD, false), "a sign-in posted from another site is refused");
        for (int i = 0; i < 5; i++) {
            assertEquals(null, signIn(rep.email, "wrong-password-" + i, true));
        }
        assertEquals(null, signIn(rep.email, PASSWORD, true), "even the right password waits after five failures");
        assertEquals(
                1L,
                Db.count("SELECT count(*) FROM login_throttle WHERE failures >= 5 AND blocked_until > now()"),
                "the wait is shared by every instance");
        try {
            Thread.sleep(2500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(signIn(rep.email, PASSWORD, true) != null, "after the wait the right password works");
    }

    @Test
    void theBackOfficePagesChangeUsersAndKeepPrivacyRoutes() {
        User boss = user("page-admin", Role.ADMIN);
        User rep = user("page-rep", Role.SALES);
        String token = users.issueToken(rep.id, "crm");
        Map<String, String> session = signIn(boss.email, PASSWORD, true);
        String page = given().cookies(session)
                .get("/admin/users")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher csrf = CSRF.matcher(page);
        assertTrue(csrf.find());
        given().cookies(session)
                .contentType(ContentType.URLENC)
                .formParam("_csrf", csrf.group(1))
                .formParam("action", "disable")
                .post("/admin/users/" + rep.id)
                .then()
                .statusCode(200)
                .body(containsString("their sessions and tokens stopped working"));
        assertEquals(401, asToken(token, "/api/leads"));
        given().cookies(session)
                .contentType(ContentType.URLENC)
                .formParam("action", "enable")
                .post("/admin/users/" + rep.id)
                .then()
                .statusCode(403);

        String lead = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "answers",
                        io.leadgate.leads.DemoAnswers.qualified(io.leadgate.leads.DemoAnswers.uniqueEmail("priv"))))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        given().cookies(session)
                .get("/admin/leads/" + lead + "/personal-data")
                .then()
                .statusCode(200)
                .body("lead.id", equalTo(lead));
        given().cookies(session)
                .contentType(ContentType.URLENC)
                .formParam("_csrf", csrf.group(1))
                .post("/admin/leads/" + lead + "/erase")
                .then()
                .statusCode(200);
        assertEquals(0L, Db.count("SELECT count(*) FROM lead WHERE public_id = ?", lead));
    }

    @Test
    void signingOutEndsTheSessionEvenIfItsCookieWasCopied() {
        User rep = user("signs-out", Role.SALES);
        Map<String, String> session = signIn(rep.email, PASSWORD, true);
        assertEquals(200, asSession(session, "/admin/leads"));
        assertTrue(
                asSession(Map.of("leadgate-session", session.get("leadgate-session")), "/admin/leads") >= 300,
                "the encrypted cookie alone is not a session");
        String page = given().cookies(session).get("/admin/leads").asString();
        Matcher csrf = CSRF.matcher(page);
        assertTrue(csrf.find());
        given().cookies(session)
                .redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParam("_csrf", csrf.group(1))
                .post("/admin/logout")
                .then()
                .statusCode(303);
        assertTrue(asSession(session, "/admin/leads") >= 300, "a copy of the cookies no longer works");
        assertTrue(asSession(signIn(rep.email, PASSWORD, true), "/admin/leads") == 200, "signing in again works");
    }
}
