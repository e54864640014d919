package io.leadgate.leads;

import io.leadgate.forms.ValidForm;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Score;
import io.leadgate.scoring.ScoringEngine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Replays stored submissions under a candidate form before it is published: each one is scored as it would have
 * been when it arrived, so only the form's change shows. Reads in batches, so large histories fit in memory.
 */
@ApplicationScoped
public class Rescoring {

    static final int BATCH = 500;

    private final SubmissionStore submissions;

    Rescoring(SubmissionStore submissions) {
        this.submissions = submissions;
    }

    /** Replays every submission to the candidate's form id; {@code progress} hears (done, total) after each batch. */
    public RescoreReport replay(ValidForm candidate, BiConsumer<Long, Long> progress) {
        String formId = candidate.id();
        long total = QuarkusTransaction.requiringNew().call(() -> Submission.count("formId", formId));
        Map<String, Integer> moves = new TreeMap<>();
        List<RescoreReport.Change> changes = new ArrayList<>();
        long lastId = 0;
        int replayed = 0;
        progress.accept(0L, total);
        while (true) {
            long fromId = lastId;
            List<Object[]> batch = QuarkusTransaction.requiringNew()
                    .call(() -> Submission.getEntityManager()
                            .createQuery(
                                    "select s, l.publicId from Submission s, Lead l where l.id = s.leadId and s.formId = ?1 and s.id > ?2 order by s.id",
                                    Object[].class)
                            .setParameter(1, formId)
                            .setParameter(2, fromId)
                            .setMaxResults(BATCH)
                            .getResultList());
            if (batch.isEmpty()) {
                break;
            }
            for (Object[] row : batch) {
                Submission submission = (Submission) row[0];
                Score score = ScoringEngine.score(
                        candidate.definition(),
                        Answers.at(submission.submittedAt, submissions.parse(submission.answers)),
                        submission.submittedAt);
                String verdict = score.verdict().key();
                if (!verdict.equals(submission.verdict)) {
                    moves.merge(submission.verdict + " -> " + verdict, 1, Integer::sum);
                    changes.add(new RescoreReport.Change(
                            submission.publicId,
                            (String) row[1],
                            submission.verdict,
                            submission.score,
                            verdict,
                            score.total()));
                }
                replayed++;
                lastId = submission.id;
            }
            progress.accept((long) replayed, total);
        }
        return new RescoreReport(formId, replayed, changes.size(), moves, changes);
    }
}
