package io.leadgate.web;

import io.leadgate.common.ClientAddress;
import io.leadgate.common.Digests;
import io.leadgate.leads.EmailAddress;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Counts submissions per client address and per email key in fixed windows, across every instance (the counts live in
 * the database), so that one source cannot flood sales however many instances stand behind the load balancer.
 * Buckets are keyed hashes: the counts hold no address.
 */
@ApplicationScoped
public class RateLimiter {

    private final WebConfig config;
    private final HitCounter counter;
    private final byte[] key;

    RateLimiter(WebConfig config, HitCounter counter) {
        this.config = config;
        this.counter = counter;
        this.key = config.tokenSecret()
                .filter(secret -> !secret.isBlank())
                .map(secret -> secret.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
    }

    /** Counts one submission from this client address; false once it is over the limit for the current window. */
    public boolean allowIp(String ip) {
        return ip == null || allow("ip:" + ClientAddress.bucket(ip), config.submissionsPerIp());
    }

    /** Counts one submission for this email key; false once it is over the limit for the current window. */
    public boolean allowEmail(String emailKey) {
        return allow("email:" + EmailAddress.mailbox(emailKey), config.submissionsPerEmail());
    }

    private boolean allow(String name, int limit) {
        long windowMillis = config.rateWindow().toMillis();
        long window = Instant.now().toEpochMilli() / windowMillis * windowMillis;
        String bucket = HexFormat.of()
                .formatHex(Digests.hmacSha256(key, "rate:" + name))
                .substring(0, 40);
        return counter.hit(bucket, window) <= limit;
    }
}
