package io.leadgate.forms.definition;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Sends leads whose answers meet a condition to some of the reps. */
public record AssignmentRule(@JsonProperty("if") Condition condition, List<String> reps) {
    public AssignmentRule {
        reps = List.copyOf(reps);
    }
}
