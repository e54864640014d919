package io.leadgate.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Limits per IP address and per email address count separately and reset with the window. */
class RateLimiterTest {

    static WebConfig limits(int perIp, int perEmail) {
        return new WebConfig() {
            public Optional<String> tokenSecret() {
                return Optional.empty();
            }

            public Duration tokenTtl() {
                return Duration.ofHours(24);
            }

            public Duration minFillTime() {
                return Duration.ofSeconds(3);
            }

            public int submissionsPerIp() {
                return perIp;
            }

            public int submissionsPerEmail() {
                return perEmail;
            }

            public Duration rateWindow() {
                return Duration.ofHours(1);
            }
        };
    }

    /** Counts in memory, as the database does for every instance. */
    static HitCounter memory() {
        java.util.Map<String, Integer> hits = new java.util.HashMap<>();
        return (bucket, window) -> hits.merge(bucket + "@" + window, 1, Integer::sum);
    }

    @Test
    void anIpOverItsLimitIsRefusedWhileOthersGoOn() {
        RateLimiter limiter = new RateLimiter(limits(3, 100), memory());
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.allowIp("203.0.113.7"));
        }
        assertFalse(limiter.allowIp("203.0.113.7"));
        assertTrue(limiter.allowIp("203.0.113.8"));
    }

    @Test
    void anEmailOverItsLimitIsRefused() {
        RateLimiter limiter = new RateLimiter(limits(100, 2), memory());
        assertTrue(limiter.allowEmail("ana@acme.example"));
        assertTrue(limiter.allowEmail("ana@acme.example"));
        assertFalse(limiter.allowEmail("ana@acme.example"));
        assertTrue(limiter.allowEmail("ben@acme.example"));
    }

    @Test
    void anIpv6ClientCannotHopAddressesInsideItsNetwork() {
        RateLimiter limiter = new RateLimiter(limits(2, 100), memory());
        assertTrue(limiter.allowIp("2001:db8:7:7::1"));
        assertTrue(limiter.allowIp("2001:db8:7:7::2"));
        assertFalse(limiter.allowIp("2001:db8:7:7:abcd::3"));
        assertTrue(limiter.allowIp("2001:db8:7:8::1"));
    }

    @Test
    void gmailDotsDoNotMakeNewAllowances() {
        RateLimiter limiter = new RateLimiter(limits(100, 1), memory());
        assertTrue(limiter.allowEmail("jane.doe@gmail.com"));
        assertFalse(limiter.allowEmail("j.a.n.e.doe@gmail.com"));
        assertFalse(limiter.allowEmail("janedoe@googlemail.com"));
        assertTrue(limiter.allowEmail("jane.doe@acme.example"));
    }
}
