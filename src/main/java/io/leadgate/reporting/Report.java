package io.leadgate.reporting;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What one form achieved in a period (optionally one form version): the funnel, self-qualification over time,
 * drop-off, speed, closed-loop win rates, and per-answer lift with advice, as numbers the charts draw.
 */
public record Report(
        String formId,
        String formTitle,
        String version,
        LocalDate from,
        LocalDate to,
        Funnel funnel,
        List<Week> weeks,
        List<DropOff> dropOff,
        Latency speedToLead,
        Latency timeToOutcome,
        List<Segment> byVerdict,
        List<Segment> byScoreBand,
        List<QuestionInsight> questions,
        List<KnockoutCount> knockouts,
        SalesFeedbackReport salesFeedback,
        List<RepResponse> firstResponse) {

    /** The questions judged not to tell leads apart, in the form's order (each says so itself in the JSON). */
    @JsonIgnore
    public List<QuestionInsight> flaggedQuestions() {
        return questions.stream().filter(QuestionInsight::flagged).toList();
    }

    /** Views and starts (anonymous funnel events), completions and their verdicts, re-qualifications and won deals. */
    public record Funnel(
            long views,
            long starts,
            long completions,
            long qualified,
            long nurture,
            long disqualified,
            long requalified,
            long won) {}

    /** Completions of one week (starting Monday) by verdict: self-qualified versus not. */
    public record Week(LocalDate start, long qualified, long nurture, long disqualified) {}

    /** How many visits answered a question, in the form's order; the difference to the one before is the drop-off. */
    public record DropOff(String questionId, String label, long answered) {}

    /** A duration's spread over {@code count} cases, in seconds. */
    public record Latency(long count, Double medianSeconds, Double p90Seconds) {}

    /** Closed-loop results of a group of leads: outcomes, win rate among closed deals, revenue of won deals. */
    public record Segment(
            String name, long leads, long won, long lost, Double winRate, BigDecimal revenue, String currency) {}

    /**
     * One question: its answers' results, whether there are enough leads to judge it ({@code judged}), whether it tells
     * leads apart, what to do about it, and what it costs in visitors who leave the form there ({@code dropOff}; null
     * where the funnel cannot tell: an optional or conditional question).
     */
    public record QuestionInsight(
            String questionId,
            String label,
            List<AnswerInsight> answers,
            boolean judged,
            boolean discriminates,
            String advice,
            DropOffCost dropOff) {

        /** Judged, and found not to tell leads apart: a candidate for deletion. */
        @JsonProperty
        public boolean flagged() {
            return judged && !discriminates;
        }
    }

    /**
     * Of the visitors who reached a required question (started the form, or answered the required question before it),
     * how many never answered it; {@code share} is null while none reached it.
     */
    public record DropOffCost(long reached, long left, Double share) {}

    /**
     * One kind of answer (an option, a range of a number or rating question as {@code min..max} with either end open,
     * {@code none} for numbers no range scores, or a point of a rating scale without ranges): how many leads gave it, how
     * many qualified and won, each against the form's average (lift 1.0 is average), the won deals' revenue, and the
     * points suggested for it: in total ({@code suggestedPoints}, its points when nothing changes) and per dimension
     * that changes ({@code pointChanges}, the new points), with the reason in words ({@code suggestion}); and what sales
     * said of its qualified leads: accepted, rejected ("Not a fit") and the accepted share of those with feedback. A
     * lead sales rejected without a deal outcome counts as a closed, lost deal in {@code closed} and the win rate.
     */
    public record AnswerInsight(
            String value,
            String label,
            int points,
            long leads,
            long qualified,
            Double qualificationRate,
            Double qualificationLift,
            long won,
            long closed,
            Double winRate,
            Double winLift,
            BigDecimal revenue,
            String currency,
            int suggestedPoints,
            Map<String, Integer> pointChanges,
            String suggestion,
            long salesAccepted,
            long salesRejected,
            Double acceptedRate) {}

    public record KnockoutCount(String code, String reason, long count) {}

    /**
     * Time to first human response of one rep: how many alerts of the period's leads went to them, how many of those
     * leads moved on because their follow-up deadline passed, and from alert to acceptance (p50, p90) for the leads
     * accepted after an alert to them.
     */
    public record RepResponse(String rep, long alerts, long reassigned, Latency toAccept) {}
}
