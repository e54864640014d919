package io.leadgate.web;

import io.leadgate.common.Digests;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Stateless signed form tokens: form id, issue time and a nonce, signed with HMAC-SHA256. They stand in for a
 * CSRF cookie (which a cross-site iframe cannot rely on), time the fill, and key the submission against repeats.
 */
@ApplicationScoped
public class FormTokens {

    private static final Logger LOG = Logger.getLogger(FormTokens.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a valid token says. */
    public record Token(String formId, Instant issuedAt, String nonce) {}

    private final byte[] key;

    FormTokens(WebConfig config) {
        this.key = config.tokenSecret()
                .filter(s -> !s.isBlank())
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    LOG.warn(
                            "leadgate.web.token-secret is not set: forms rendered before a restart, or by another instance, will ask to be sent again");
                    byte[] random = new byte[32];
                    RANDOM.nextBytes(random);
                    return random;
                });
    }

    /** A token as issued, with its nonce, so that the page view it is issued for needs no second check of it. */
    public record Issued(String value, String nonce) {}

    public String issue(String formId) {
        return issue(formId, Instant.now());
    }

    String issue(String formId, Instant at) {
        return issued(formId, at).value();
    }

    Issued issued(String formId, Instant at) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String nonce = ENCODER.encodeToString(random);
        String body = ENCODER.encodeToString(
                (formId + "|" + at.getEpochSecond() + "|" + nonce).getBytes(StandardCharsets.UTF_8));
        return new Issued(body + "." + sign(body), nonce);
    }

    /** The token's content if it is intact and was issued for this form; empty if it was forged or altered. */
    public Optional<Token> verify(String token, String formId) {
        if (token == null || token.length() > 300) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0
                || !MessageDigest.isEqual(
                        sign(token.substring(0, dot)).getBytes(StandardCharsets.US_ASCII),
                        token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8)
                    .split("\\|");
            if (parts.length != 3 || !parts[0].equals(formId)) {
                return Optional.empty();
            }
            return Optional.of(new Token(parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1])), parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String sign(String body) {
        return ENCODER.encodeToString(Digests.hmacSha256(key, body));
    }
}
