package io.leadgate.leads;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a candidate form would have done to a period's leads, next to the published form replayed the same way:
 * verdict moves (with one page of the leads behind them), closed deals by where each form would have sent them,
 * and qualified leads per week.
 */
public record BacktestReport(
        String formId,
        String candidate,
        long leads,
        long submissions,
        Map<String, Long> moves,
        long changed,
        List<Change> changes,
        Deals current,
        Deals candidateDeals,
        List<Week> weeks) {

    /** A lead whose verdict the candidate would change. */
    public record Change(String leadId, String before, int scoreBefore, String after, int scoreAfter) {}

    /**
     * Closed deals by the verdict a form gives their leads: won deals and revenue sent straight to sales, delayed to
     * nurture or dropped, lost deals sent to sales, and the win rate of the qualified bucket (won over won and lost).
     */
    public record Deals(
            long wonQualified,
            BigDecimal revenueQualified,
            long wonNurtured,
            BigDecimal revenueNurtured,
            long wonDisqualified,
            BigDecimal revenueDisqualified,
            long lostQualified,
            Double qualifiedWinRate) {}

    /** Qualified leads in one ISO week (from its Monday) under the published form and the candidate. */
    public record Week(LocalDate monday, long current, long candidate) {}
}
