package io.leadgate.leads;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Privacy jobs under {@code leadgate.privacy.*}. */
@ConfigMapping(prefix = "leadgate.privacy")
public interface PrivacyConfig {

    /** How often leads past their form's {@code retention} are looked for and erased. */
    @WithDefault("1h")
    String retentionCheck();
}
