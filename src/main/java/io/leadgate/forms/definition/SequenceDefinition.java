package io.leadgate.forms.definition;

import java.util.List;

/** A nurture sequence as its YAML file declares it: ordered email steps, an optional send window and follow-up form. */
public record SequenceDefinition(Text name, String requalifyForm, SendWindow sendWindow, List<SequenceStep> steps) {

    public SequenceDefinition {
        steps = List.copyOf(steps);
    }
}
