package io.leadgate.forms.definition;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How qualified leads are shared among reps. */
public enum AssignmentStrategy {
    @JsonProperty("fixed")
    FIXED,
    @JsonProperty("round-robin")
    ROUND_ROBIN,
    @JsonProperty("weighted")
    WEIGHTED
}
