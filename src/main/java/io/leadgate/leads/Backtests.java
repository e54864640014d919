package io.leadgate.leads;

import io.leadgate.forms.ValidForm;
import io.leadgate.scoring.Verdict;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Backtests a candidate form (a draft or any version) on a period's leads: every lead is replayed under the published
 * form and under the candidate exactly as the live engine scores it, and the two are compared on verdicts, closed
 * deals and sales load. Streams a batch of leads at a time and changes nothing.
 */
@ApplicationScoped
public class Backtests {

    private final SubmissionStore submissions;

    Backtests(SubmissionStore submissions) {
        this.submissions = submissions;
    }

    /**
     * Runs the backtest; {@code progress} hears (leads done, leads in all) after each batch.
     *
     * @param from first instant of the period (null: from the start)
     * @param to end of the period, exclusive (null: until now)
     * @param offset how many changed leads to skip before the listed page
     * @param limit how many changed leads to list
     */
    public BacktestReport run(
            ValidForm published,
            ValidForm candidate,
            String candidateName,
            Instant from,
            Instant to,
            int offset,
            int limit,
            BiConsumer<Long, Long> progress) {
        String formId = published.id();
        long total = LeadBatches.count(formId, from, to);
        Map<String, Long> moves = new TreeMap<>();
        List<BacktestReport.Change> changes = new ArrayList<>();
        Tally current = new Tally();
        Tally trial = new Tally();
        Map<LocalDate, long[]> weeks = new TreeMap<>();
        long[] counts = new long[3]; // leads, submissions, changed
        progress.accept(0L, total);
        LeadBatches.forEach(formId, from, to, batch -> {
            Map<Long, DealOutcome> outcomes = outcomes(batch.keySet());
            List<Long> listed = new ArrayList<>();
            Map<Long, BacktestReport.Change> pending = new HashMap<>();
            batch.forEach((leadId, own) -> {
                LeadReplay.Step before = last(LeadReplay.replay(published.definition(), own, submissions::parse));
                LeadReplay.Step after = last(LeadReplay.replay(candidate.definition(), own, submissions::parse));
                counts[0]++;
                counts[1] += own.size();
                DealOutcome outcome = outcomes.get(leadId);
                current.add(before.leadVerdict(), outcome);
                trial.add(after.leadVerdict(), outcome);
                // The week the lead first answered within the period: its sales load falls there.
                LocalDate monday = own.stream()
                        .map(submission -> submission.submittedAt)
                        .filter(at -> from == null || !at.isBefore(from))
                        .findFirst()
                        .orElse(own.getFirst().submittedAt)
                        .atZone(ZoneOffset.UTC)
                        .toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                long[] week = weeks.computeIfAbsent(monday, m -> new long[2]);
                week[0] += before.leadVerdict() == Verdict.QUALIFIED ? 1 : 0;
                week[1] += after.leadVerdict() == Verdict.QUALIFIED ? 1 : 0;
                if (before.leadVerdict() != after.leadVerdict()) {
                    moves.merge(
                            before.leadVerdict().key() + " -> "
                                    + after.leadVerdict().key(),
                            1L,
                            Long::sum);
                    if (counts[2] >= offset && counts[2] < (long) offset + limit) {
                        listed.add(leadId);
                        pending.put(
                                leadId,
                                new BacktestReport.Change(
                                        null,
                                        before.leadVerdict().key(),
                                        before.leadScore(),
                                        after.leadVerdict().key(),
                                        after.leadScore()));
                    }
                    counts[2]++;
                }
            });
            if (!listed.isEmpty()) {
                Map<Long, String> publicIds = Rescoring.publicIds(listed);
                listed.forEach(id -> {
                    BacktestReport.Change change = pending.get(id);
                    changes.add(new BacktestReport.Change(
                            publicIds.get(id),
                            change.before(),
                            change.scoreBefore(),
                            change.after(),
                            change.scoreAfter()));
                });
            }
            progress.accept(counts[0], total);
        });
        List<BacktestReport.Week> weekly = new ArrayList<>();
        weeks.forEach((monday, n) -> weekly.add(new BacktestReport.Week(monday, n[0], n[1])));
        return new BacktestReport(
                formId,
                candidateName,
                counts[0],
                counts[1],
                moves,
                counts[2],
                changes,
                current.deals(),
                trial.deals(),
                weekly);
    }

    private static LeadReplay.Step last(List<LeadReplay.Step> steps) {
        return steps.getLast();
    }

    private static Map<Long, DealOutcome> outcomes(java.util.Collection<Long> leadIds) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, DealOutcome> byLead = new HashMap<>();
            DealOutcome.<DealOutcome>list("leadId in ?1", leadIds).forEach(o -> byLead.put(o.leadId, o));
            DealOutcome.getEntityManager().clear();
            return byLead;
        });
    }

    /** Closed deals counted by the verdict one form gives their leads. */
    private static final class Tally {
        long wonQualified;
        long wonNurtured;
        long wonDisqualified;
        long lostQualified;
        BigDecimal revenueQualified = BigDecimal.ZERO;
        BigDecimal revenueNurtured = BigDecimal.ZERO;
        BigDecimal revenueDisqualified = BigDecimal.ZERO;

        void add(Verdict verdict, DealOutcome outcome) {
            if (outcome == null) {
                return;
            }
            BigDecimal amount = outcome.amount == null ? BigDecimal.ZERO : outcome.amount;
            if ("won".equals(outcome.status)) {
                switch (verdict) {
                    case QUALIFIED -> {
                        wonQualified++;
                        revenueQualified = revenueQualified.add(amount);
                    }
                    case NURTURE -> {
                        wonNurtured++;
                        revenueNurtured = revenueNurtured.add(amount);
                    }
                    default -> {
                        wonDisqualified++;
                        revenueDisqualified = revenueDisqualified.add(amount);
                    }
                }
            } else if ("lost".equals(outcome.status) && verdict == Verdict.QUALIFIED) {
                lostQualified++;
            }
        }

        BacktestReport.Deals deals() {
            long closed = wonQualified + lostQualified;
            return new BacktestReport.Deals(
                    wonQualified,
                    revenueQualified,
                    wonNurtured,
                    revenueNurtured,
                    wonDisqualified,
                    revenueDisqualified,
                    lostQualified,
                    closed == 0 ? null : (double) wonQualified / closed);
        }
    }
}
