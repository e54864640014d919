package io.leadgate.forms.definition;

import java.util.List;

/**
 * A nurture sequence as its YAML file declares it: ordered email steps, an optional send window, follow-up form and
 * reminder (the email for a date an answer asked for; it has no id or delay of its own).
 */
public record SequenceDefinition(
        Text name, String requalifyForm, SendWindow sendWindow, List<SequenceStep> steps, SequenceStep reminder) {

    public SequenceDefinition {
        steps = List.copyOf(steps);
    }
}
