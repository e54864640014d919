package io.leadgate.forms.definition;

import java.util.List;

/** Who among the reps receives a qualified lead. */
public record Assignment(AssignmentStrategy strategy, List<Rep> reps, List<AssignmentRule> rules) {
    public Assignment {
        strategy = strategy == null ? AssignmentStrategy.ROUND_ROBIN : strategy;
        reps = List.copyOf(reps);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
