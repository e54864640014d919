package io.leadgate.leads;

import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Rep;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Score;
import io.leadgate.scoring.Verdict;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A submission as it was accepted, with everything that follows from it: the lead and the stored row, this
 * submission's answers and hidden fields, every answer known about the lead, the score, the webhook event it is, the
 * rep it was given and what it proves. Alerts, webhooks and the timeline are all built from this one value.
 */
public record AcceptedSubmission(
        ValidForm form,
        Lead lead,
        Submission submission,
        Map<String, List<String>> answers,
        Map<String, String> hidden,
        Answers known,
        Score score,
        String eventType,
        Optional<Rep> rep,
        Trust trust) {

    public AcceptedSubmission {
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        hidden = Collections.unmodifiableMap(new LinkedHashMap<>(hidden));
    }

    public FormDefinition definition() {
        return form.definition();
    }

    public Verdict verdict() {
        return score.verdict();
    }

    public Instant at() {
        return submission.submittedAt;
    }

    /** Whether this submission brought a lead back to sales after it was not qualified. */
    public boolean requalified() {
        return REQUALIFIED.equals(eventType);
    }

    static final String REQUALIFIED = "lead.requalified";

    /** The webhook event a verdict is: a lead that was known and not qualified, and now is, re-qualified. */
    static String eventFor(Verdict verdict, String previousVerdict) {
        return switch (verdict) {
            case QUALIFIED ->
                previousVerdict != null && !Verdict.QUALIFIED.key().equals(previousVerdict)
                        ? REQUALIFIED
                        : "lead.qualified";
            case NURTURE -> "lead.nurtured";
            case DISQUALIFIED -> "lead.disqualified";
        };
    }

    /** A repeat for a known address that proved nothing, which raised the lead's verdict. */
    public boolean unverifiedRepeat() {
        return trust == Trust.REPEAT;
    }

    public AcceptedSubmission withRep(Optional<Rep> assigned) {
        return new AcceptedSubmission(
                form, lead, submission, answers, hidden, known, score, eventType, assigned, trust);
    }
}
