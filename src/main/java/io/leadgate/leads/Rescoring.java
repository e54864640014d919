package io.leadgate.leads;

import io.leadgate.forms.ValidForm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Replays stored submissions under a candidate form before it is published: each one is scored as the live engine
 * scored it when it arrived (on the lead's answers so far, at that time), so only the form's change shows. Reads a
 * batch of leads at a time, so large histories fit in memory.
 */
@ApplicationScoped
public class Rescoring {

    private final SubmissionStore submissions;

    Rescoring(SubmissionStore submissions) {
        this.submissions = submissions;
    }

    /** Replays every submission to the candidate's form id; {@code progress} hears (leads done, total) per batch. */
    public RescoreReport replay(ValidForm candidate, BiConsumer<Long, Long> progress) {
        String formId = candidate.id();
        long total = LeadBatches.count(formId, null, null);
        Map<String, Integer> moves = new TreeMap<>();
        List<RescoreReport.Change> changes = new ArrayList<>();
        long[] leads = {0};
        int[] replayed = {0};
        progress.accept(0L, total);
        LeadBatches.forEach(formId, null, null, batch -> {
            Map<Long, String> publicIds = publicIds(batch.keySet());
            batch.forEach((leadId, own) -> {
                for (LeadReplay.Step step : LeadReplay.replay(candidate.definition(), own, submissions::parse)) {
                    Submission submission = step.submission();
                    String verdict = step.score().verdict().key();
                    if (!verdict.equals(submission.verdict)) {
                        moves.merge(submission.verdict + " -> " + verdict, 1, Integer::sum);
                        changes.add(new RescoreReport.Change(
                                submission.publicId,
                                publicIds.get(leadId),
                                submission.verdict,
                                submission.score,
                                verdict,
                                step.score().total()));
                    }
                    replayed[0]++;
                }
                leads[0]++;
            });
            progress.accept(leads[0], total);
        });
        return new RescoreReport(formId, replayed[0], changes.size(), moves, changes);
    }

    static Map<Long, String> publicIds(java.util.Collection<Long> leadIds) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, String> ids = new java.util.HashMap<>();
            Lead.getEntityManager()
                    .createQuery("select l.id, l.publicId from Lead l where l.id in :ids", Object[].class)
                    .setParameter("ids", leadIds)
                    .getResultList()
                    .forEach(row -> ids.put((Long) row[0], (String) row[1]));
            return ids;
        });
    }
}
