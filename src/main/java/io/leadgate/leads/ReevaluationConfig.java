package io.leadgate.leads;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Re-evaluation settings under {@code leadgate.reevaluation.*}. */
@ConfigMapping(prefix = "leadgate.reevaluation")
public interface ReevaluationConfig {

    /** How often each instance looks for qualified leads whose aged answers no longer qualify them ("off" stops it). */
    @WithDefault("1h")
    String every();

    /** How long after start-up the first look waits, so that starting never competes with it. */
    @WithDefault("2m")
    String delay();
}
