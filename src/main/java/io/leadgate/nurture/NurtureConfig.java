package io.leadgate.nurture;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Marketing email settings under {@code leadgate.nurture.*}. */
@ConfigMapping(prefix = "leadgate.nurture")
public interface NurtureConfig {

    /**
     * Key that signs unsubscribe links and keys the suppression list's hashes (32+ random characters; environment
     * LEADGATE_NURTURE_SECRET). It must stay the same across restarts and instances, or old links stop working.
     */
    Optional<String> secret();

    /**
     * Secrets used before the current one, newest first (comma-separated; environment
     * LEADGATE_NURTURE_PREVIOUS_SECRETS): unsubscribe links signed with them keep working, and addresses suppressed
     * under them stay suppressed; re-qualification links need the current secret. Keep every secret ever used here for
     * as long as the suppression list matters (that is, for good).
     */
    Optional<List<String>> previousSecrets();

    /** How long the re-qualification link in a nurture email works after the email was made. */
    @WithDefault("P90D")
    Duration linkTtl();

    /** The sender's postal address, required in every marketing email (CAN-SPAM); without it sequences refuse to start. */
    Optional<String> postalAddress();

    /** How often each instance looks for due sequence steps. */
    @WithDefault("1s")
    String pollInterval();

    /** Enrolments worked per transaction (250: 1,001 against 983 emails/s with 100 in the benchmark). */
    @WithDefault("250")
    int batchSize();

    /**
     * Transactions working due enrolments side by side on each instance (they never take the same rows); more lanes than
     * the instance has cores starve the outbox that sends what they queue.
     */
    @WithDefault("2")
    int concurrency();

    /**
     * Due steps are queued for sending only while fewer marketing emails than this (retries included) wait in the
     * outbox; the rest stay due and go out as it drains (a short outbox is claimed faster than one holding a burst).
     */
    @WithDefault("2000")
    int maxQueued();
}
