package io.leadgate.nurture;

import io.leadgate.common.Digests;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Signs the tokens in nurture links and keys the suppression list's hashes with {@code leadgate.nurture.secret};
 * unsubscribe tokens and hashes made with {@code previous-secrets} are still recognised, so that the secret can be
 * rotated without forgetting who said no.
 */
@ApplicationScoped
class NurtureSigner {

    private final NurtureConfig config;

    NurtureSigner(NurtureConfig config) {
        this.config = config;
    }

    /** {@code value.signature}, where the signature covers {@code purpose} and {@code value}. */
    String token(String purpose, String value) {
        return token(current(), purpose, value);
    }

    /** The value a token carries, if its signature holds for this purpose under the current or a previous secret. */
    Optional<String> valueOf(String purpose, String token) {
        return valueOf(purpose, token, secrets());
    }

    /**
     * The value a token carries, if its signature holds under the current secret: for links that grant more than an
     * unsubscribe, which a rotation must be able to cut off.
     */
    Optional<String> currentValueOf(String purpose, String token) {
        return valueOf(purpose, token, List.of(current()));
    }

    private static Optional<String> valueOf(String purpose, String token, List<String> secrets) {
        int dot = token == null ? -1 : token.lastIndexOf('.');
        if (dot <= 0 || token.length() > 120) {
            return Optional.empty();
        }
        String value = token.substring(0, dot);
        for (String secret : secrets) {
            if (MessageDigest.isEqual(
                    token(secret, purpose, value).getBytes(StandardCharsets.US_ASCII),
                    token.getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The value signed with the current secret. */
    String sign(String value) {
        return sign(current(), value);
    }

    /** The value signed with each secret, the current one first. */
    List<String> signatures(String value) {
        return secrets().stream().map(secret -> sign(secret, value)).toList();
    }

    private static String token(String secret, String purpose, String value) {
        return value + "." + sign(secret, purpose + ":" + value).substring(0, 32);
    }

    private static String sign(String secret, String value) {
        return HexFormat.of().formatHex(Digests.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), value));
    }

    private List<String> secrets() {
        List<String> all = new ArrayList<>();
        all.add(current());
        config.previousSecrets()
                .ifPresent(previous -> previous.stream()
                        .filter(secret -> secret.length() >= 16)
                        .forEach(all::add));
        return all;
    }

    private String current() {
        return config.secret()
                .filter(s -> s.length() >= 16)
                .orElseThrow(
                        () -> new IllegalStateException(
                                "leadgate.nurture.secret (LEADGATE_NURTURE_SECRET) is not set: nurture links cannot be made or checked"));
    }
}
