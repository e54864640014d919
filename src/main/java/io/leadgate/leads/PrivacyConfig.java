package io.leadgate.leads;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Privacy jobs under {@code leadgate.privacy.*}. */
@ConfigMapping(prefix = "leadgate.privacy")
public interface PrivacyConfig {

    /** How often leads past their form's {@code retention} are looked for and erased. */
    @WithDefault("1h")
    String retentionCheck();

    /** How long a submission to a form with verify-email waits for its confirmation before it is deleted unconfirmed. */
    @WithDefault("7d")
    Duration verificationTtl();
}
