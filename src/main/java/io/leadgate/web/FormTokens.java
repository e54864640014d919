package io.leadgate.web;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    // One generator per thread: the default one reads /dev/urandom under a lock every page view shares.
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(FormTokens::newRandom);

    /** What a valid token says; {@code variant} is the experiment's variant the visitor sees, or null. */
    public record Token(String formId, Instant issuedAt, String nonce, Variant variant) {}

    /** An experiment's variant, as a token or an assignment carries it. */
    public record Variant(long experimentId, String key) {

        static Optional<Variant> parse(String value) {
            int colon = value.indexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Variant(Long.parseLong(value.substring(0, colon)), value.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return experimentId + ":" + key;
        }
    }

    /** One keyed MAC per thread: every page view signs a token, and a provider look-up per signature showed in profiles. */
    private final ThreadLocal<Mac> macs;

    FormTokens(WebConfig config) {
        byte[] key = config.tokenSecret()
                .filter(s -> !s.isBlank())
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    LOG.warn(
                            "leadgate.web.token-secret is not set: forms rendered before a restart, or by another instance, will ask to be sent again");
                    byte[] random = new byte[32];
                    RANDOM.get().nextBytes(random);
                    return random;
                });
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A token as issued, with its nonce, so that the page view it is issued for needs no second check of it. */
    public record Issued(String value, String nonce) {}

    public String issue(String formId) {
        return issue(formId, Instant.now());
    }

    String issue(String formId, Instant at) {
        return issued(formId, at, null).value();
    }

    /** NIST SP 800-90A's DRBG, seeded from the system's entropy; the platform default should the JDK lack it. */
    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    Issued issued(String formId, Instant at, Variant variant) {
        byte[] random = new byte[16];
        RANDOM.get().nextBytes(random);
        String nonce = ENCODER.encodeToString(random);
        String body = ENCODER.encodeToString(
                (formId + "|" + at.getEpochSecond() + "|" + nonce + (variant == null ? "" : "|" + variant))
                        .getBytes(StandardCharsets.UTF_8));
        return new Issued(body + "." + sign(body), nonce);
    }

    /**
     * A signed note of the variant a visitor was assigned, kept by their browser (a first-party cookie on the form's
     * own page, the landing page's storage through the embed) to show them the same variant again. It is the same for
     * every visitor of that variant, so it tells nothing about who they are.
     */
    String assignment(String formId, Variant variant) {
        String body = ENCODER.encodeToString(("@assigned|" + formId + "|" + variant).getBytes(StandardCharsets.UTF_8));
        return body + "." + sign(body);
    }

    /** The variant a signed assignment names, if it is intact and for this form. */
    Optional<Variant> assigned(String assignment, String formId) {
        return body(assignment)
                .flatMap(parts -> parts.length == 3 && parts[0].equals("@assigned") && parts[1].equals(formId)
                        ? Variant.parse(parts[2])
                        : Optional.empty());
    }

    /** The token's content if it is intact and was issued for this form; empty if it was forged or altered. */
    public Optional<Token> verify(String token, String formId) {
        return body(token).flatMap(parts -> {
            if (parts.length < 3 || parts.length > 4 || !parts[0].equals(formId)) {
                return Optional.empty();
            }
            Variant variant = parts.length == 4 ? Variant.parse(parts[3]).orElse(null) : null;
            try {
                return Optional.of(
                        new Token(parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1])), parts[2], variant));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** The parts of a signed value, if its signature holds. */
    private Optional<String[]> body(String signed) {
        if (signed == null || signed.length() > 300) {
            return Optional.empty();
        }
        int dot = signed.indexOf('.');
        if (dot <= 0
                || !MessageDigest.isEqual(
                        sign(signed.substring(0, dot)).getBytes(StandardCharsets.US_ASCII),
                        signed.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new String(Base64.getUrlDecoder().decode(signed.substring(0, dot)), StandardCharsets.UTF_8)
                            .split("\\|"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String sign(String body) {
        return ENCODER.encodeToString(macs.get().doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
