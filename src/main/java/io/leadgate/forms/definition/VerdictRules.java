package io.leadgate.forms.definition;

/**
 * The three verdicts, written under {@code outcomes:} in a form: qualified and nurture start at their thresholds,
 * below nurture is disqualified.
 */
public record VerdictRules(VerdictRule qualified, VerdictRule nurture, VerdictRule disqualified) {
    public VerdictRules {
        disqualified = disqualified == null ? new VerdictRule(null, null) : disqualified;
    }
}
