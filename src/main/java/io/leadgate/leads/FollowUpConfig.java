package io.leadgate.leads;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Follow-up deadline settings under {@code leadgate.follow-up.*}. */
@ConfigMapping(prefix = "leadgate.follow-up")
public interface FollowUpConfig {

    /** How many times one lead may move to another rep after its first alert; 0 stops deadlines altogether. */
    @WithDefault("2")
    int maxReassignments();

    /** How often each instance looks for passed deadlines ("off" stops this instance looking). */
    @WithDefault("1s")
    String pollInterval();
}
