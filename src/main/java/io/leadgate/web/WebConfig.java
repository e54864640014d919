package io.leadgate.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How public forms defend themselves, under {@code leadgate.web.*}. */
@ConfigMapping(prefix = "leadgate.web")
public interface WebConfig {

    /**
     * Key that signs form tokens (32+ random characters; environment LEADGATE_WEB_TOKEN_SECRET). Every instance
     * behind one load balancer needs the same; without it each start picks a random one.
     */
    Optional<String> tokenSecret();

    /** How long a rendered form accepts its submission. */
    @WithDefault("24h")
    Duration tokenTtl();

    /** Submissions faster than this after the form was shown are treated as bots. */
    @WithDefault("3s")
    Duration minFillTime();

    /** Submissions allowed per IP address per {@link #rateWindow()}. */
    @WithDefault("20")
    int submissionsPerIp();

    /** Submissions allowed per email address per {@link #rateWindow()}. */
    @WithDefault("5")
    int submissionsPerEmail();

    /** The window the two rate limits count in. */
    @WithDefault("10m")
    Duration rateWindow();
}
