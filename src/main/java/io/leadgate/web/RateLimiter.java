package io.leadgate.web;

import io.leadgate.common.ClientAddress;
import io.leadgate.common.Digests;
import io.leadgate.leads.EmailAddress;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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

    /**
     * Counts one submission from this client address and for this email key (either may be null) in one go; false
     * when either is over its limit for the current window.
     */
    public boolean allow(String ip, String emailKey) {
        List<String> buckets = new ArrayList<>(2);
        List<Integer> limits = new ArrayList<>(2);
        if (ip != null) {
            buckets.add(bucket("ip:" + ClientAddress.bucket(ip)));
            limits.add(config.submissionsPerIp());
        }
        if (emailKey != null) {
            buckets.add(bucket("email:" + EmailAddress.mailbox(emailKey)));
            limits.add(config.submissionsPerEmail());
        }
        if (buckets.isEmpty()) {
            return true;
        }
        int[] hits = counter.hitAll(buckets, window());
        for (int i = 0; i < hits.length; i++) {
            if (hits[i] > limits.get(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean allow(String name, int limit) {
        return counter.hit(bucket(name), window()) <= limit;
    }

    private long window() {
        long windowMillis = config.rateWindow().toMillis();
        return Instant.now().toEpochMilli() / windowMillis * windowMillis;
    }

    private String bucket(String name) {
        return HexFormat.of().formatHex(Digests.hmacSha256(key, "rate:" + name)).substring(0, 40);
    }
}
