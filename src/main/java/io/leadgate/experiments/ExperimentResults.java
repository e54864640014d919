package io.leadgate.experiments;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each variant of an experiment brought: views, completions, self-qualified leads, won deals and revenue, each
 * compared with the control by {@link BayesianComparison}, with a warning while the samples are too small to call.
 */
@ApplicationScoped
public class ExperimentResults {

    /** Fewer views than this per variant, and the probabilities swing on a handful of visitors. */
    public static final int MIN_VIEWS = 300;
    /** Fewer qualified leads than this per variant, and a difference in lead quality is mostly noise. */
    public static final int MIN_QUALIFIED = 30;
    /** Shorter than a week, and weekday and weekend visitors have not both been counted. */
    public static final Duration MIN_DURATION = Duration.ofDays(7);

    /** A variant's counts, with its comparison with the control (null for the control itself). */
    public record VariantResult(
            String key,
            String origin,
            int share,
            long views,
            long completions,
            long selfQualified,
            long qualifiedLeads,
            long wonDeals,
            BigDecimal revenue,
            Double salesAcceptedRate,
            Versus versus) {

        @JsonProperty
        public double completionRate() {
            return ratio(completions, views);
        }

        /** Of the completed questionnaires, the share whose answers qualified them. */
        @JsonProperty
        public double selfQualifiedRate() {
            return ratio(selfQualified, completions);
        }

        @JsonProperty
        public double qualifiedPerThousandViews() {
            return 1000 * ratio(qualifiedLeads, views);
        }

        @JsonProperty
        public double wonPerThousandViews() {
            return 1000 * ratio(wonDeals, views);
        }

        @JsonProperty
        public double revenuePerThousandViews() {
            return views == 0 ? 0 : revenue.doubleValue() * 1000 / views;
        }
    }

    /**
     * How a variant compares with the control on each measure: the chance it is better and a 95 % interval; revenue is
     * null until some variant has a won deal.
     */
    public record Versus(
            BayesianComparison.Comparison completion,
            BayesianComparison.Comparison qualified,
            BayesianComparison.Comparison won,
            BayesianComparison.Comparison revenue) {}

    /** Fewer won deals than this per variant, and revenue per view is mostly the prior's guess. */
    public static final int MIN_WON_FOR_REVENUE = 10;

    /** The whole comparison, and why it is too early to call when it is. */
    public record Results(ExperimentSummary experiment, List<VariantResult> variants, List<String> tooEarly) {

        @JsonProperty
        public boolean settled() {
            return tooEarly.isEmpty();
        }

        /** Whether every variant has enough won deals for its revenue comparison to say much. */
        @JsonProperty
        public boolean revenueSettled() {
            return variants.stream().allMatch(v -> v.wonDeals() >= MIN_WON_FOR_REVENUE);
        }

        /** Whether sales said anything of these leads yet, so that the accepted rate is worth a column. */
        public boolean hasFeedback() {
            return variants.stream().anyMatch(v -> v.salesAcceptedRate() != null);
        }
    }

    private final EntityManager entities;

    ExperimentResults(EntityManager entities) {
        this.entities = entities;
    }

    public Results of(ExperimentSummary experiment) {
        Map<String, long[]> funnel = new HashMap<>();
        Map<String, long[]> leads = new HashMap<>();
        Map<String, BigDecimal> revenue = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (Object[] row : rows(
                    "SELECT variant, COUNT(*) FILTER (WHERE type = 'view'), COUNT(*) FILTER (WHERE type = 'complete'),"
                            + " COUNT(*) FILTER (WHERE type = 'complete' AND detail = 'qualified')"
                            + " FROM funnel_event WHERE experiment_id = ?1 GROUP BY variant",
                    experiment.id())) {
                funnel.put(String.valueOf(row[0]), new long[] {number(row[1]), number(row[2]), number(row[3])});
            }
            // A lead counts for the variant of its first submission ever, when that was in the experiment: a known
            // customer (or anyone typing their address) coming back must not bring their old deals to a variant.
            for (Object[] row : rows(
                    "SELECT f.variant, COUNT(*),"
                            + " COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM submission q WHERE q.lead_id = f.lead_id"
                            + " AND q.experiment_id = ?1 AND q.verdict = 'qualified')),"
                            + " COUNT(o.lead_id) FILTER (WHERE o.status = 'won'),"
                            + " COALESCE(SUM(o.amount) FILTER (WHERE o.status = 'won'), 0),"
                            + " COUNT(o.amount) FILTER (WHERE o.status = 'won'),"
                            + " COUNT(b.lead_id) FILTER (WHERE b.outcome = 'accepted'),"
                            + " COUNT(b.lead_id)"
                            + " FROM (SELECT s.lead_id, s.variant FROM submission s WHERE s.experiment_id = ?1"
                            + " AND s.id = (SELECT MIN(e.id) FROM submission e WHERE e.lead_id = s.lead_id)) f"
                            + " LEFT JOIN lead_outcome o ON o.lead_id = f.lead_id"
                            + " LEFT JOIN sales_feedback b ON b.lead_id = f.lead_id GROUP BY f.variant",
                    experiment.id())) {
                leads.put(String.valueOf(row[0]), new long[] {
                    number(row[1]), number(row[2]), number(row[3]), number(row[5]), number(row[6]), number(row[7])
                });
                revenue.put(String.valueOf(row[0]), new BigDecimal(row[4].toString()));
            }
        });
        long allWon = leads.values().stream().mapToLong(l -> l[2]).sum();
        long allPriced = leads.values().stream().mapToLong(l -> l[3]).sum();
        BigDecimal allRevenue = revenue.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        // Without any won deal yet, a deal size of 1 keeps the revenue model defined; its probability is then ~50 %.
        double priorMean = allPriced == 0 ? 1 : allRevenue.doubleValue() / allPriced;
        List<VariantResult> results = new ArrayList<>();
        double[][] control = null;
        long seed = experiment.id() * 1_000_003L;
        for (ExperimentSummary.Variant variant : experiment.variants()) {
            long[] counted = funnel.getOrDefault(variant.key(), new long[3]);
            long[] led = leads.getOrDefault(variant.key(), new long[6]);
            BigDecimal earned = revenue.getOrDefault(variant.key(), BigDecimal.ZERO);
            long views = counted[0];
            double[][] draws = {
                BayesianComparison.rate(counted[1], views, seed),
                BayesianComparison.rate(led[1], views, seed + 2),
                BayesianComparison.rate(led[2], views, seed + 4),
                BayesianComparison.revenuePerView(led[2], led[3], views, earned.doubleValue(), priorMean, seed + 6)
            };
            seed += 10;
            Versus versus = null;
            if (control == null) {
                control = draws;
            } else {
                versus = new Versus(
                        BayesianComparison.compare(control[0], draws[0]),
                        BayesianComparison.compare(control[1], draws[1]),
                        BayesianComparison.compare(control[2], draws[2]),
                        allWon == 0 ? null : BayesianComparison.compare(control[3], draws[3]));
            }
            results.add(new VariantResult(
                    variant.key(),
                    variant.origin(),
                    variant.share(),
                    views,
                    counted[1],
                    counted[2],
                    led[1],
                    led[2],
                    earned,
                    led[5] == 0 ? null : (double) led[4] / led[5],
                    versus));
        }
        return new Results(experiment, results, tooEarly(experiment, results));
    }

    private static List<String> tooEarly(ExperimentSummary experiment, List<VariantResult> variants) {
        List<String> reasons = new ArrayList<>();
        Instant end = experiment.endedAt() == null ? Instant.now() : experiment.endedAt();
        Duration ran = Duration.between(experiment.startedAt(), end);
        if (ran.compareTo(MIN_DURATION) < 0) {
            String so = ran.toHours() < 1
                    ? "less than an hour"
                    : ran.toHours() < 48 ? ran.toHours() + " hours" : ran.toDays() + " days";
            reasons.add("It has run " + so + "; let it run at least 7 days so that every weekday counts.");
        }
        for (VariantResult variant : variants) {
            if (variant.views() < MIN_VIEWS) {
                reasons.add("Variant " + variant.key() + " has " + variant.views() + " views; wait for at least "
                        + MIN_VIEWS + ".");
            }
            if (variant.qualifiedLeads() < MIN_QUALIFIED) {
                reasons.add("Variant " + variant.key() + " has " + variant.qualifiedLeads()
                        + " qualified leads; wait for at least " + MIN_QUALIFIED + ".");
            }
        }
        return reasons;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, long experimentId) {
        return entities.createNativeQuery(sql).setParameter(1, experimentId).getResultList();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
