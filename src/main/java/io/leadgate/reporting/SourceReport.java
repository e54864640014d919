package io.leadgate.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Lead sources judged by profit for a period: per group of UTM source, medium and campaign (or referring domain), the
 * anonymous views, the leads that first came that way, how many qualified themselves, were accepted by sales, were
 * won, their revenue and time to an outcome, and, where costs are recorded, what each qualified lead and won deal
 * cost and the revenue per unit of cost. Money is in {@code currency}; amounts in other currencies are left out and
 * counted in {@code notes}.
 */
public record SourceReport(
        LocalDate from,
        LocalDate to,
        String group,
        String currency,
        List<Row> rows,
        Row total,
        BigDecimal unallocatedCost,
        List<String> notes) {

    /** How rows are grouped. */
    public static final List<String> GROUPS = List.of("campaign", "source-medium", "source", "referrer");

    /**
     * One group: its key ({@code null} parts mean none was given) and numbers. {@code medianDaysToOutcome} is the
     * median of days from a lead's first submission to its deal's outcome (won or lost), over {@code outcomes} leads.
     * Cost figures are null without a recorded cost; a ratio is null when what it divides by is zero.
     */
    public record Row(
            String label,
            String utmSource,
            String utmMedium,
            String utmCampaign,
            String referrerDomain,
            long views,
            long leads,
            long selfQualified,
            long accepted,
            long won,
            long lost,
            BigDecimal revenue,
            long outcomes,
            Double medianDaysToOutcome,
            BigDecimal cost,
            BigDecimal costPerQualifiedLead,
            BigDecimal costPerWonDeal,
            Double revenuePerCost) {}
}
