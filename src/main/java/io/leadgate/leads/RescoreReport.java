package io.leadgate.leads;

import java.util.List;
import java.util.Map;

/**
 * What a candidate form would change: how many stored submissions were replayed, how many verdicts move, the
 * moves counted by kind ("nurture -> qualified"), and each changed submission.
 */
public record RescoreReport(
        String formId, int replayed, int changed, Map<String, Integer> moves, List<Change> changes) {

    /** One submission whose verdict the candidate would change. */
    public record Change(
            String submissionId, String leadId, String before, int scoreBefore, String after, int scoreAfter) {}
}
