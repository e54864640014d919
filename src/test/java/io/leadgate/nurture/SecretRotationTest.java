package io.leadgate.nurture;

import io.leadgate.common.Digests;
import io.leadgate.leads.DemoAnswers;
import io.leadgate.leads.EmailAddress;
import io.leadgate.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rotating the nurture secret keeps every suppressed address suppressed and every link sent before working. */
@QuarkusTest
@TestProfile(SecretRotationTest.Rotated.class)
class SecretRotationTest {

    static final String OLD = "the-secret-before-rotation-0123456789";

    /** A new secret, with the one before it kept as a previous secret. */
    public static class Rotated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "leadgate.nurture.secret",
                    "the-secret-after-rotation-9876543210",
                    "leadgate.nurture.previous-secrets",
                    OLD);
        }
    }

    @Inject
    Unsubscribes unsubscribes;

    @Inject
    Requalification requalification;

    private static String signed(String secret, String value) {
        return HexFormat.of().formatHex(Digests.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), value));
    }

    @Test
    void anAddressSuppressedUnderTheOldSecretStaysSuppressed() {
        String email = DemoAnswers.uniqueEmail("rotated");
        Db.update(
                "INSERT INTO suppression (email_hash, reason, created_at) VALUES (?, 'unsubscribed', now())",
                signed(OLD, "suppress:" + EmailAddress.key(email)));
        assertTrue(unsubscribes.isSuppressed(email));
        assertEquals(
                2L,
                Db.count(
                        "SELECT count(*) FROM suppression WHERE reason = 'unsubscribed' AND created_at IS NOT NULL"
                                + " AND email_hash IN (?, ?)",
                        signed(OLD, "suppress:" + EmailAddress.key(email)),
                        signed("the-secret-after-rotation-9876543210", "suppress:" + EmailAddress.key(email))),
                "copied forward under the new secret");
    }

    @Test
    void aLinkSignedWithTheOldSecretStillUnsubscribes() {
        String email = DemoAnswers.uniqueEmail("old-link");
        String leadId = given().contentType(ContentType.JSON)
                .body(Map.of("answers", DemoAnswers.nurture(email)))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        String oldToken = leadId + "." + signed(OLD, "unsubscribe:" + leadId).substring(0, 32);
        given().contentType(ContentType.URLENC)
                .formParam("List-Unsubscribe", "One-Click")
                .post("/u/" + oldToken)
                .then()
                .statusCode(200);
        assertTrue(unsubscribes.isSuppressed(email));
    }

    @Test
    void aRequalificationLinkNeedsTheCurrentSecret() {
        String leadId = given().contentType(ContentType.JSON)
                .body(Map.of("answers", DemoAnswers.nurture(DemoAnswers.uniqueEmail("old-requalify"))))
                .post("/api/forms/demo-saas/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        String value = leadId + "~0~" + java.time.Instant.now().getEpochSecond();
        String oldToken = value + "." + signed(OLD, "requalify:" + value).substring(0, 32);
        given().get("/r/" + oldToken).then().statusCode(404);
        given().get("/r/" + requalification.tokenFor(leadId, 0)).then().statusCode(200);
    }
}
