package io.leadgate.access;

import io.leadgate.common.Digests;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * CSRF tokens for the signed-in back office: an HMAC of the user's name under the session key, so every instance
 * can check it without storing anything; a state-changing form without the right one is refused. The session cookie
 * is also SameSite=Strict, so this is the second of two defences.
 */
@ApplicationScoped
public class CsrfTokens {

    /** The form field every back-office form posts. */
    public static final String FIELD = "_csrf";

    private final byte[] key;

    CsrfTokens(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        // Without a configured key, Quarkus makes one up per start; so do we, and sessions end at each restart.
        byte[] secret = sessionKey.map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        });
        this.key = Digests.hmacSha256(secret, "leadgate-csrf");
    }

    public String tokenFor(SecurityIdentity identity) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Digests.hmacSha256(
                        key, "csrf:" + identity.getPrincipal().getName()));
    }

    /** @throws ForbiddenException when the token is missing or belongs to someone else */
    public void verify(SecurityIdentity identity, String token) {
        if (identity.isAnonymous()
                || token == null
                || !MessageDigest.isEqual(
                        tokenFor(identity).getBytes(StandardCharsets.US_ASCII),
                        token.getBytes(StandardCharsets.US_ASCII))) {
            throw new ForbiddenException("This form is missing its security token. Reload the page and try again.");
        }
    }
}
