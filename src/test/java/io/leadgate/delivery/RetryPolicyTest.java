package io.leadgate.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retries follow the schedule with jitter, honour Retry-After, and end when the schedule does. */
class RetryPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    final RetryPolicy policy =
            new RetryPolicy(List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5)), 0.2);

    @Test
    void theScheduleIsFollowedWithinItsJitter() {
        Instant second = policy.next(1, NOW, null).orElseThrow();
        assertTrue(!second.isBefore(NOW.plusSeconds(4)) && !second.isAfter(NOW.plusSeconds(6)), second.toString());
        Instant third = policy.next(2, NOW, null).orElseThrow();
        assertTrue(!third.isBefore(NOW.plusSeconds(240)) && !third.isAfter(NOW.plusSeconds(360)), third.toString());
    }

    @Test
    void afterTheLastStepTheMessageHasFailed() {
        assertEquals(Optional.empty(), policy.next(3, NOW, null));
    }

    @Test
    void aReceiversRetryAfterIsHonoured() {
        assertEquals(
                NOW.plusSeconds(120),
                policy.next(1, NOW, Duration.ofSeconds(120)).orElseThrow());
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryPolicy.retryAfter("30", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryPolicy.retryAfter("Sun, 22 Nov 2026 12:01:30 GMT", NOW));
        assertEquals(Optional.empty(), RetryPolicy.retryAfter("soon", NOW));
    }

    @Test
    void statusesAreClassifiedAsTheSpecificationSays() {
        assertTrue(WebhookSender.classify(204, null, "").delivered());
        assertTrue(WebhookSender.classify(410, null, "").disableEndpoint());
        assertEquals(
                "302 redirect (not followed)",
                WebhookSender.classify(302, null, "").error());
        assertEquals(Duration.ofSeconds(7), WebhookSender.classify(429, "7", "").retryAfter());
        assertEquals(Duration.ofSeconds(7), WebhookSender.classify(503, "7", "").retryAfter());
        assertTrue(!WebhookSender.classify(500, null, "").permanent());
    }
}
