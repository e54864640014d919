package io.leadgate.leads;

import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Score;
import io.leadgate.scoring.ScoringEngine;
import io.leadgate.scoring.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One lead's submissions to a form scored again exactly as the live engine scores them: each on the answers the lead
 * had given so far (a later answer replacing an earlier one, each ageing from its own time), an unproven repeat on
 * its own answers, and the lead's verdict moved as the live engine moves it.
 */
final class LeadReplay {

    /** A submission's score under the replayed form, and the lead's verdict right after it. */
    record Step(Submission submission, Score score, Verdict leadVerdict, int leadScore) {}

    private LeadReplay() {}

    /** The submissions in the order they arrived; answers are parsed by {@code parse}. */
    static List<Step> replay(
            FormDefinition form, List<Submission> submissions, Function<String, Map<String, List<String>>> parse) {
        List<Step> steps = new ArrayList<>(submissions.size());
        Answers known = Answers.NONE;
        Verdict leadVerdict = null;
        int leadScore = 0;
        for (Submission submission : submissions) {
            Answers own = Answers.at(submission.submittedAt, parse.apply(submission.answers));
            boolean repeat = submission.trust == Trust.REPEAT;
            Score score = ScoringEngine.score(form, repeat ? own : known.updatedBy(own), submission.submittedAt);
            if (!repeat) {
                known = known.updatedBy(own);
            }
            boolean raises = leadVerdict == null || Trust.rank(score.verdict()) > Trust.rank(leadVerdict);
            if (!repeat || raises) {
                leadVerdict = score.verdict();
                leadScore = score.total();
            }
            steps.add(new Step(submission, score, leadVerdict, leadScore));
        }
        return steps;
    }
}
