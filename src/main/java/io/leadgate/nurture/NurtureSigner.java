package io.leadgate.nurture;

import io.leadgate.common.Digests;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/** Signs the tokens in nurture links and keys the suppression list's hashes with {@code leadgate.nurture.secret}. */
@ApplicationScoped
class NurtureSigner {

    private final NurtureConfig config;

    NurtureSigner(NurtureConfig config) {
        this.config = config;
    }

    /** {@code value.signature}, where the signature covers {@code purpose} and {@code value}. */
    String token(String purpose, String value) {
        return value + "." + sign(purpose + ":" + value).substring(0, 32);
    }

    /** The value a token carries, if its signature holds for this purpose. */
    Optional<String> valueOf(String purpose, String token) {
        int dot = token == null ? -1 : token.lastIndexOf('.');
        if (dot <= 0 || token.length() > 120) {
            return Optional.empty();
        }
        String value = token.substring(0, dot);
        return MessageDigest.isEqual(
                        token(purpose, value).getBytes(StandardCharsets.US_ASCII),
                        token.getBytes(StandardCharsets.US_ASCII))
                ? Optional.of(value)
                : Optional.empty();
    }

    String sign(String value) {
        String secret = config.secret()
                .filter(s -> s.length() >= 16)
                .orElseThrow(
                        () -> new IllegalStateException(
                                "leadgate.nurture.secret (LEADGATE_NURTURE_SECRET) is not set: nurture links cannot be made or checked"));
        return HexFormat.of().formatHex(Digests.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), value));
    }
}
