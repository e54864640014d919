package io.leadgate.leads;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Group commit settings for submissions under {@code leadgate.group-commit.*}. */
@ConfigMapping(prefix = "leadgate.group-commit")
public interface GroupCommitConfig {

    /** Whether concurrent submissions share transactions; off stores each in its own, as one at a time. */
    @WithDefault("true")
    boolean enabled();

    /**
     * How many batches may commit at once; each holds a database connection while it works. Fewer lanes make bigger
     * batches: on two cores one or two lanes accepted the most (measured in the benchmark).
     */
    @WithDefault("2")
    int lanes();

    /** The most submissions one transaction holds. */
    @WithDefault("64")
    int maxBatch();
}
