package io.leadgate.delivery;

import io.leadgate.common.Digests;

import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs webhook bodies per Standard Webhooks: HMAC-SHA256 over {@code id.timestamp.body} with the secret after its
 * {@code whsec_} prefix, sent as {@code v1,<base64>}; during a rotation old and new secrets both sign.
 */
public final class WebhookSigner {

    private WebhookSigner() {}

    /** The {@code webhook-signature} header: one {@code v1,} signature per secret, space-separated. */
    public static String signature(List<String> secrets, String messageId, long timestamp, String body) {
        return secrets.stream()
                .map(secret -> "v1," + sign(secret, messageId, timestamp, body))
                .collect(Collectors.joining(" "));
    }

    static String sign(String secret, String messageId, long timestamp, String body) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
        return Base64.getEncoder().encodeToString(Digests.hmacSha256(key, messageId + "." + timestamp + "." + body));
    }
}
