package io.leadgate.forms.definition;

/** The three verdicts: qualified and nurture start at their thresholds, below nurture is disqualified. */
public record Outcomes(Outcome qualified, Outcome nurture, Outcome disqualified) {
    public Outcomes {
        disqualified = disqualified == null ? new Outcome(null, null) : disqualified;
    }
}
