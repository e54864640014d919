package io.leadgate.reporting;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.QuestionType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the {@link SourceReport}: views from anonymous funnel events, leads by the source of their first submission
 * (first touch), created in the period, with everything that became of them since (self-qualified, accepted by sales,
 * won, revenue, days to an outcome), and the costs recorded for the period, spread evenly over their days.
 */
@ApplicationScoped
public class SourceReports {

    private static final TypeReference<Map<String, String>> HIDDEN = new TypeReference<>() {};
    private static final String NONE = "(none)";

    private final FormRegistry registry;
    private final EntityManager entities;
    private final ObjectMapper json;

    SourceReports(FormRegistry registry, EntityManager entities, ObjectMapper json) {
        this.registry = registry;
        this.entities = entities;
        this.json = json;
    }

    private record Key(String source, String medium, String campaign, String referrer) {}

    private static final class Tally {
        long views;
        long leads;
        long qualified;
        long accepted;
        long won;
        long lost;
        BigDecimal revenue = BigDecimal.ZERO;
        final List<Double> days = new ArrayList<>();
        BigDecimal cost;

        void add(Tally other) {
            views += other.views;
            leads += other.leads;
            qualified += other.qualified;
            accepted += other.accepted;
            won += other.won;
            lost += other.lost;
            revenue = revenue.add(other.revenue);
            days.addAll(other.days);
            if (other.cost != null) {
                addCost(other.cost);
            }
        }

        void addCost(BigDecimal amount) {
            cost = cost == null ? amount : cost.add(amount);
        }
    }

    private record Lead(
            Key key,
            boolean qualified,
            boolean accepted,
            String status,
            BigDecimal amount,
            String currency,
            Double days) {}

    /**
     * The report for the days {@code from} to {@code to} (UTC, both included), grouped by {@code group} (one of
     * {@link SourceReport#GROUPS}); money in {@code currency}, or by default the currency most costs (else most won
     * deals) are in.
     */
    public SourceReport of(LocalDate from, LocalDate to, String group, String currency) {
        String grouping = group != null && SourceReport.GROUPS.contains(group) ? group : SourceReport.GROUPS.getFirst();
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return QuarkusTransaction.requiringNew().call(() -> build(from, to, start, end, grouping, currency));
    }

    private SourceReport build(LocalDate from, LocalDate to, Instant start, Instant end, String group, String asked) {
        List<Lead> leads = leads(start, end, group);
        List<SourceCost> costs = group.equals("referrer")
                ? List.of()
                : SourceCost.<SourceCost>list("periodStart <= ?1 and periodEnd >= ?2", to, from);
        String currency = asked != null && asked.strip().matches("[A-Za-z]{3}")
                ? asked.strip().toUpperCase(java.util.Locale.ROOT)
                : mostCommon(costs, leads);

        Map<Key, Tally> tallies = new HashMap<>();
        views(start, end)
                .forEach((source, count) ->
                        tallies.computeIfAbsent(key(source, group), k -> new Tally()).views += count);
        Map<String, Integer> otherRevenue = new TreeMap<>();
        for (Lead lead : leads) {
            Tally t = tallies.computeIfAbsent(lead.key(), k -> new Tally());
            t.leads++;
            t.qualified += lead.qualified() ? 1 : 0;
            t.accepted += lead.accepted() ? 1 : 0;
            if ("won".equals(lead.status())) {
                t.won++;
                if (lead.amount() != null) {
                    if (Objects.equals(lead.currency(), currency)) {
                        t.revenue = t.revenue.add(lead.amount());
                    } else {
                        otherRevenue.merge(String.valueOf(lead.currency()), 1, Integer::sum);
                    }
                }
            } else if ("lost".equals(lead.status())) {
                t.lost++;
            }
            if (lead.days() != null) {
                t.days.add(lead.days());
            }
        }

        BigDecimal unallocated = BigDecimal.ZERO;
        Map<String, Integer> otherCosts = new TreeMap<>();
        for (SourceCost cost : costs) {
            if (!cost.currency.equals(currency)) {
                otherCosts.merge(cost.currency, 1, Integer::sum);
                continue;
            }
            BigDecimal share = share(cost, from, to);
            Key key = costKey(cost, group);
            if (key == null) {
                unallocated = unallocated.add(share);
            } else {
                tallies.computeIfAbsent(key, k -> new Tally()).addCost(share);
            }
        }

        Tally total = new Tally();
        List<SourceReport.Row> rows = new ArrayList<>();
        tallies.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Key, Tally>, BigDecimal>comparing(e -> e.getValue().revenue)
                        .reversed()
                        .thenComparing(e -> -e.getValue().leads)
                        .thenComparing(e -> -e.getValue().views)
                        .thenComparing(e -> label(e.getKey(), group)))
                .forEach(e -> {
                    rows.add(row(label(e.getKey(), group), e.getKey(), e.getValue()));
                    total.add(e.getValue());
                });
        if (!costs.isEmpty() && unallocated.signum() > 0) {
            total.addCost(unallocated);
        }

        List<String> notes = new ArrayList<>();
        if (!otherRevenue.isEmpty()) {
            notes.add(count(otherRevenue) + " won deal(s) in " + String.join(", ", otherRevenue.keySet())
                    + " are counted as won but left out of the revenue in " + currency + ".");
        }
        if (!otherCosts.isEmpty()) {
            notes.add(count(otherCosts) + " cost(s) in " + String.join(", ", otherCosts.keySet())
                    + " are left out of the costs in " + currency + ".");
        }
        if (unallocated.signum() > 0) {
            notes.add(money(unallocated) + " " + currency + " of cost is recorded for a whole source"
                    + (group.equals("campaign") ? " or medium" : "") + " and cannot be split by "
                    + (group.equals("campaign") ? "campaign" : "medium") + ": it counts in the total only.");
        }
        if (group.equals("referrer")) {
            notes.add("Costs are recorded per UTM source, so the grouping by referring domain shows none.");
        } else {
            List<String> untracked = registry.valid().stream()
                    .filter(form -> form.definition()
                            .questions()
                            .noneMatch(q -> q.type() == QuestionType.HIDDEN && q.id().equals("utm_source")))
                    .map(ValidForm::id)
                    .sorted()
                    .toList();
            if (!untracked.isEmpty()) {
                notes.add("Leads of " + String.join(", ", untracked) + " count under (none): "
                        + (untracked.size() == 1 ? "that form has" : "those forms have")
                        + " no hidden utm_source question (their views still carry it).");
            }
        }
        return new SourceReport(
                from,
                to,
                group,
                currency,
                rows,
                row("Total", new Key(null, null, null, null), total),
                costs.isEmpty() ? null : unallocated,
                notes);
    }

    private static SourceReport.Row row(String label, Key key, Tally t) {
        BigDecimal cost = t.cost == null ? null : t.cost.setScale(2, RoundingMode.HALF_UP);
        return new SourceReport.Row(
                label,
                key.source(),
                key.medium(),
                key.campaign(),
                key.referrer(),
                t.views,
                t.leads,
                t.qualified,
                t.accepted,
                t.won,
                t.lost,
                t.revenue.setScale(2, RoundingMode.HALF_UP),
                t.days.size(),
                median(t.days),
                cost,
                per(cost, t.qualified),
                per(cost, t.won),
                cost == null || cost.signum() == 0
                        ? null
                        : t.revenue.divide(cost, 4, RoundingMode.HALF_UP).doubleValue());
    }

    private static BigDecimal per(BigDecimal cost, long count) {
        return cost == null || count == 0 ? null : cost.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }

    /** The true median (the mean of the two middle values for an even count), to one decimal. */
    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return Math.round(median * 10) / 10.0;
    }

    /** The part of a cost that falls on the report's days, spread evenly over the cost's own days. */
    static BigDecimal share(SourceCost cost, LocalDate from, LocalDate to) {
        LocalDate first = cost.periodStart.isBefore(from) ? from : cost.periodStart;
        LocalDate last = cost.periodEnd.isAfter(to) ? to : cost.periodEnd;
        long inside = ChronoUnit.DAYS.between(first, last) + 1;
        long all = ChronoUnit.DAYS.between(cost.periodStart, cost.periodEnd) + 1;
        if (inside <= 0) {
            return BigDecimal.ZERO;
        }
        return inside == all
                ? cost.amount
                : cost.amount
                        .multiply(BigDecimal.valueOf(inside))
                        .divide(BigDecimal.valueOf(all), 2, RoundingMode.HALF_UP);
    }

    private static Key key(TrafficSource s, String group) {
        return switch (group) {
            case "source" -> new Key(s.utmSource(), null, null, null);
            case "source-medium" -> new Key(s.utmSource(), s.utmMedium(), null, null);
            case "referrer" -> new Key(null, null, null, s.referrerDomain());
            default -> new Key(s.utmSource(), s.utmMedium(), s.utmCampaign(), null);
        };
    }

    /** The row a cost belongs to, or null when it is coarser than the grouping. */
    private static Key costKey(SourceCost cost, String group) {
        String medium = cost.utmMedium.isEmpty() ? null : cost.utmMedium;
        String campaign = cost.utmCampaign.isEmpty() ? null : cost.utmCampaign;
        return switch (group) {
            case "source" -> new Key(cost.utmSource, null, null, null);
            case "source-medium" -> medium == null ? null : new Key(cost.utmSource, medium, null, null);
            case "campaign" ->
                medium == null || campaign == null ? null : new Key(cost.utmSource, medium, campaign, null);
            default -> null;
        };
    }

    private static String label(Key key, String group) {
        return switch (group) {
            case "source" -> or(key.source());
            case "source-medium" -> or(key.source()) + " / " + or(key.medium());
            case "referrer" -> or(key.referrer());
            default -> or(key.source()) + " / " + or(key.medium()) + " / " + or(key.campaign());
        };
    }

    private static String or(String value) {
        return value == null ? NONE : value;
    }

    private static String mostCommon(List<SourceCost> costs, List<Lead> leads) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        costs.forEach(c -> counts.merge(c.currency, 1, Integer::sum));
        if (counts.isEmpty()) {
            leads.stream()
                    .filter(l -> "won".equals(l.status()) && l.currency() != null)
                    .forEach(l -> counts.merge(l.currency(), 1, Integer::sum));
        }
        return counts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    private static int count(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    @SuppressWarnings("unchecked")
    private Map<TrafficSource, Long> views(Instant start, Instant end) {
        Map<TrafficSource, Long> views = new HashMap<>();
        List<Object[]> rows = entities.createNativeQuery("SELECT utm_source, utm_medium, utm_campaign, referrer_domain,"
                        + " count(DISTINCT COALESCE(visit, CAST(id AS VARCHAR))) FROM funnel_event"
                        + " WHERE type = 'view' AND occurred_at >= ?1 AND occurred_at < ?2"
                        + " GROUP BY utm_source, utm_medium, utm_campaign, referrer_domain")
                .setParameter(1, start)
                .setParameter(2, end)
                .getResultList();
        for (Object[] row : rows) {
            views.merge(
                    new TrafficSource((String) row[0], (String) row[1], (String) row[2], (String) row[3]),
                    ((Number) row[4]).longValue(),
                    Long::sum);
        }
        return views;
    }

    /** Leads created in the period, each with the source of its first submission and what became of it. */
    @SuppressWarnings("unchecked")
    private List<Lead> leads(Instant start, Instant end, String group) {
        List<Object[]> rows = entities.createNativeQuery("SELECT s.hidden_fields, s.referrer, s.submitted_at,"
                        + " (SELECT count(*) FROM submission q WHERE q.lead_id = l.id AND q.verdict = 'qualified'),"
                        + " (SELECT count(*) FROM sales_feedback f WHERE f.lead_id = l.id AND f.outcome = 'accepted'),"
                        + " o.status, o.amount, o.currency, o.close_date, o.recorded_at"
                        + " FROM lead l JOIN submission s ON s.id = (SELECT min(s2.id) FROM submission s2 WHERE s2.lead_id = l.id)"
                        + " LEFT JOIN lead_outcome o ON o.lead_id = l.id"
                        + " WHERE l.created_at >= ?1 AND l.created_at < ?2")
                .setParameter(1, start)
                .setParameter(2, end)
                .getResultList();
        List<Lead> leads = new ArrayList<>();
        for (Object[] row : rows) {
            TrafficSource source = TrafficSource.ofSubmission(read((String) row[0]), (String) row[1]);
            Instant submitted = instant(row[2]);
            String status = (String) row[5];
            Double days = null;
            if ("won".equals(status) || "lost".equals(status)) {
                Instant outcome = row[8] != null
                        ? date(row[8]).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : instant(row[9]);
                days = Math.max(0, Duration.between(submitted, outcome).toMinutes() / 1440.0);
            }
            leads.add(new Lead(
                    key(source, group),
                    ((Number) row[3]).longValue() > 0,
                    ((Number) row[4]).longValue() > 0,
                    status,
                    (BigDecimal) row[6],
                    (String) row[7],
                    days));
        }
        return leads;
    }

    private Map<String, String> read(String hidden) {
        try {
            return hidden == null ? Map.of() : json.readValue(hidden, HIDDEN);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t
                ? t.toInstant()
                : value instanceof Instant i ? i : ((OffsetDateTime) value).toInstant();
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    /** The currencies recorded costs use, for the page's choice. */
    public List<String> currencies() {
        return QuarkusTransaction.requiringNew()
                .call(() -> new ArrayList<>(
                        new TreeSet<>(entities.createQuery("select distinct c.currency from SourceCost c", String.class)
                                .getResultList())));
    }
}
