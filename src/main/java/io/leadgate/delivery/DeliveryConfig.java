package io.leadgate.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** How the outbox is worked, under {@code leadgate.delivery.*}. */
@ConfigMapping(prefix = "leadgate.delivery")
public interface DeliveryConfig {

    /** How often each instance looks for due messages; a commit on this instance also wakes it at once. */
    @WithDefault("1s")
    String pollInterval();

    /**
     * Messages claimed per transaction at most (200: per-claim costs then weigh less than the sends; measured 1,064
     * against 1,001 emails/s with 100, nurture's batch at 250 in both).
     */
    @WithDefault("200")
    int batchSize();

    /**
     * How many messages each instance has in flight at once, from claim to recorded attempt (each SMTP or HTTP round
     * trip waits on the network); more are claimed as soon as half of them ended.
     */
    @WithDefault("256")
    int concurrency();

    /** How long a claim holds; a crashed instance's claims are taken over after it. */
    @WithDefault("60s")
    Duration lease();

    /** Delay before each attempt, the first included (Standard Webhooks' schedule); after the last, the message has failed. */
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,14h,20h,24h")
    List<Duration> retrySchedule();

    /** Emails that meet a temporary SMTP error wait at least this long before the next try. */
    @WithDefault("30m")
    Duration emailRetryAfter();

    /** Random spread added to each retry delay, as a fraction of it. */
    @WithDefault("0.2")
    double jitter();

    /** Webhook connect timeout. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Webhook total timeout. */
    @WithDefault("15s")
    Duration requestTimeout();

    /** Allow webhooks to loopback and private addresses (development and tests only: it disables the SSRF guard's address check). */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** "send" delivers; "capture" (dev mode) keeps every message for the outbox page instead. */
    @WithDefault("send")
    String mode();
}
