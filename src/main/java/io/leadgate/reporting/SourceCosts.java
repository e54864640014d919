package io.leadgate.reporting;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What lead sources cost: one amount per source (optionally narrowed to a medium and a campaign) and period, in a
 * currency. Recording the same source and period again replaces its amount, so an import can be repeated; a period
 * that overlaps another of the same source without being the same is refused, since the two would be counted twice.
 * An import records every line or none.
 */
@ApplicationScoped
public class SourceCosts {

    /** A cost as the API and the CSV import take it; medium and campaign may be empty for the whole source. */
    public record Cost(
            String utmSource,
            String utmMedium,
            String utmCampaign,
            LocalDate from,
            LocalDate to,
            BigDecimal amount,
            String currency) {}

    /** A recorded cost. */
    public record CostView(
            long id,
            String utmSource,
            String utmMedium,
            String utmCampaign,
            LocalDate from,
            LocalDate to,
            BigDecimal amount,
            String currency,
            String recordedBy,
            Instant recordedAt) {

        static CostView of(SourceCost c) {
            return new CostView(
                    c.id,
                    c.utmSource,
                    c.utmMedium.isEmpty() ? null : c.utmMedium,
                    c.utmCampaign.isEmpty() ? null : c.utmCampaign,
                    c.periodStart,
                    c.periodEnd,
                    c.amount,
                    c.currency,
                    c.recordedBy,
                    c.recordedAt);
        }

        /** "google / cpc / spring", with "all" for what the cost does not narrow. */
        public String label() {
            return utmSource + " / " + (utmMedium == null ? "all" : utmMedium) + " / "
                    + (utmCampaign == null ? "all" : utmCampaign);
        }
    }

    /** A cost at a line of an import (1 is the header). */
    public record Line(int line, Cost cost) {}

    /** A line that cannot be recorded, and why. */
    public record LineError(int line, String message) {}

    /** What an import did: costs added, costs whose amount was replaced, and the lines refused (then nothing else). */
    public record Imported(int added, int replaced, List<LineError> errors) {}

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2100, 12, 31);
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    /** What is wrong with a cost on its own, in words; empty when it may be recorded. */
    public static List<String> problems(Cost cost) {
        List<String> problems = new ArrayList<>();
        if (cost == null) {
            return List.of("send utm_source, from, to, amount and currency");
        }
        if (TrafficSource.value(cost.utmSource()) == null) {
            problems.add("utm_source is missing");
        }
        for (String[] field : new String[][] {
            {"utm_source", cost.utmSource()}, {"utm_medium", cost.utmMedium()}, {"utm_campaign", cost.utmCampaign()}
        }) {
            if (field[1] != null && field[1].strip().length() > TrafficSource.MAX) {
                problems.add(field[0] + " is longer than " + TrafficSource.MAX + " characters");
            }
        }
        if (cost.from() == null || cost.to() == null) {
            problems.add("from and to (or month) are missing: give the period's first and last day, like 2026-11-01");
        } else {
            if (cost.to().isBefore(cost.from())) {
                problems.add("the period ends (" + cost.to() + ") before it starts (" + cost.from() + ")");
            }
            if (cost.from().isBefore(EARLIEST) || cost.to().isAfter(LATEST)) {
                problems.add("the period must lie between 2000 and 2100");
            }
        }
        if (cost.amount() == null) {
            problems.add("amount is missing");
        } else if (cost.amount().signum() < 0) {
            problems.add("amount must not be negative");
        } else if (cost.amount().compareTo(MAX_AMOUNT) >= 0) {
            problems.add("amount is too large");
        } else if (cost.amount().stripTrailingZeros().scale() > 2) {
            problems.add("amount has more than two decimals");
        }
        if (cost.currency() == null
                || !CURRENCY.matcher(cost.currency().strip().toUpperCase(Locale.ROOT))
                        .matches()) {
            problems.add("currency must be a three-letter code such as EUR or USD");
        }
        return problems;
    }

    /** Records one cost (replacing the amount of the same source and period), or refuses it with its problems. */
    public synchronized Imported record(Cost cost, String recordedBy) {
        return importAll(List.of(new Line(0, cost)), List.of(), recordedBy);
    }

    /**
     * Records every line, or none when any is refused (or {@code unreadable} names lines that could not be read): each
     * refused line with its number and reason, including periods that overlap a recorded cost or an earlier line of the
     * same source without being the same period.
     */
    public synchronized Imported importAll(List<Line> lines, List<LineError> unreadable, String recordedBy) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<LineError> errors = new ArrayList<>(unreadable);
            List<SourceCost> planned = new ArrayList<>();
            List<Line> accepted = new ArrayList<>();
            for (Line line : lines) {
                List<String> problems = new ArrayList<>(problems(line.cost()));
                if (problems.isEmpty()) {
                    SourceCost row = row(line.cost());
                    for (int i = 0; i < planned.size(); i++) {
                        if (sameKey(planned.get(i), row) && overlaps(planned.get(i), row)) {
                            problems.add("the line repeats or overlaps line "
                                    + accepted.get(i).line() + " (" + planned.get(i).periodStart + " to "
                                    + planned.get(i).periodEnd + ")");
                        }
                    }
                    overlapping(row).stream()
                            .filter(other -> !same(other, row))
                            .findFirst()
                            .ifPresent(other -> problems.add("it overlaps the recorded cost of "
                                    + CostView.of(other).label() + " from " + other.periodStart + " to "
                                    + other.periodEnd + "; record the same period to replace it, or one that does not"
                                    + " overlap"));
                    planned.add(row);
                    accepted.add(line);
                }
                if (!problems.isEmpty()) {
                    errors.add(new LineError(line.line(), String.join("; ", problems)));
                }
            }
            if (!errors.isEmpty()) {
                errors.sort(java.util.Comparator.comparingInt(LineError::line));
                return new Imported(0, 0, errors);
            }
            int added = 0;
            int replaced = 0;
            Instant now = Instant.now();
            for (SourceCost row : planned) {
                Optional<SourceCost> same =
                        overlapping(row).stream().filter(o -> same(o, row)).findFirst();
                SourceCost target = same.orElse(row);
                if (same.isPresent()) {
                    replaced++;
                    target.amount = row.amount;
                    target.currency = row.currency;
                } else {
                    added++;
                }
                target.recordedBy = recordedBy;
                target.recordedAt = now;
                target.persist();
            }
            SourceCost.flush();
            return new Imported(added, replaced, List.of());
        });
    }

    /** The recorded costs whose periods touch these days, by source and period. */
    public List<CostView> list(LocalDate from, LocalDate to) {
        return QuarkusTransaction.requiringNew()
                .call(() -> SourceCost.<SourceCost>list(
                                "periodStart <= ?1 and periodEnd >= ?2"
                                        + " order by utmSource, utmMedium, utmCampaign, periodStart",
                                to,
                                from)
                        .stream()
                        .map(CostView::of)
                        .toList());
    }

    /** Deletes a recorded cost; false when there is none with this id. */
    public boolean delete(long id) {
        return QuarkusTransaction.requiringNew().call(() -> SourceCost.deleteById(id));
    }

    private static SourceCost row(Cost cost) {
        SourceCost row = new SourceCost();
        row.utmSource = TrafficSource.value(cost.utmSource());
        row.utmMedium = orEmpty(TrafficSource.value(cost.utmMedium()));
        row.utmCampaign = orEmpty(TrafficSource.value(cost.utmCampaign()));
        row.periodStart = cost.from();
        row.periodEnd = cost.to();
        row.amount = cost.amount().setScale(2, java.math.RoundingMode.UNNECESSARY);
        row.currency = cost.currency().strip().toUpperCase(Locale.ROOT);
        return row;
    }

    private static List<SourceCost> overlapping(SourceCost row) {
        return SourceCost.<SourceCost>list(
                "utmSource = ?1 and utmMedium = ?2 and utmCampaign = ?3 and periodStart <= ?4 and periodEnd >= ?5"
                        + " order by periodStart",
                row.utmSource,
                row.utmMedium,
                row.utmCampaign,
                row.periodEnd,
                row.periodStart);
    }

    private static boolean same(SourceCost a, SourceCost b) {
        return a.periodStart.equals(b.periodStart) && a.periodEnd.equals(b.periodEnd);
    }

    private static boolean sameKey(SourceCost a, SourceCost b) {
        return a.utmSource.equals(b.utmSource)
                && a.utmMedium.equals(b.utmMedium)
                && a.utmCampaign.equals(b.utmCampaign);
    }

    private static boolean overlaps(SourceCost a, SourceCost b) {
        return !a.periodStart.isAfter(b.periodEnd) && !b.periodStart.isAfter(a.periodEnd);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
