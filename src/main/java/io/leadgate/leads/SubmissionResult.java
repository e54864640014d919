package io.leadgate.leads;

import io.leadgate.scoring.Verdict;

/**
 * What became of a submission. {@code submissionId} is unguessable, so it can key the thank-you page; {@code repeated}
 * says this was a repeat of a submission already accepted, which created nothing new; {@code trust} says what it
 * proved ({@code REPEAT}: its own answers only, the lead unchanged unless they raised its verdict). A held submission
 * ({@code held}) waits for its email to be confirmed: it has no lead or verdict yet.
 */
public record SubmissionResult(
        String leadId,
        String submissionId,
        Verdict verdict,
        int score,
        String grade,
        boolean repeated,
        Trust trust,
        boolean held) {

    static SubmissionResult held(String heldId) {
        return new SubmissionResult(null, heldId, null, 0, null, false, null, true);
    }

    /** A repeat for a known address that proved nothing: say so wherever its result is shown. */
    public boolean unverifiedRepeat() {
        return trust == Trust.REPEAT;
    }
}
