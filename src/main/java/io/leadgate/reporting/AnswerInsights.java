package io.leadgate.reporting;

import io.leadgate.forms.definition.Dimension;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.NumberRange;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.forms.definition.Scale;
import io.leadgate.forms.definition.Text;
import io.leadgate.leads.DealOutcome;
import io.leadgate.leads.SalesFeedback;
import io.leadgate.leads.Submission;
import io.leadgate.scoring.Numbers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which answers end in qualified leads and won deals: per option of each choice question and per scoring range of each
 * number and rating question (a rating the form does not score by ranges, per point of its scale), its leads,
 * qualification and win rates with their lift over the form's average, won revenue, suggested points, and whether the
 * question tells leads apart at all ("repeat what works; delete what fails").
 *
 * <p>Suggested points follow won deals, answer by answer. An answer with at least {@value #MIN_CLOSED} closed deals
 * that wins at least a quarter more often than average (lift ×1.25) gets more points; one that wins at least a quarter
 * less often (×0.75) gets fewer; the others keep theirs. How many: in proportion to its win rate, the answer that wins
 * most often of the question being worth the question's top points (so an answer winning half as often is worth half),
 * moving at least a step of a quarter of its points (2 at least), never above its dimension's cap nor below 0. A lead
 * sales rejected ("Not a fit") without a won or lost deal counts as a lost deal: the answers that qualified it lose.
 */
final class AnswerInsights {

    /** Fewer closed deals than this and an answer's win rate is not used for advice. */
    static final int MIN_CLOSED = 3;
    /** Answers whose qualification rates all lie within this many points of each other qualify leads alike. */
    static final double SAME_RATE = 0.10;
    /** Fewer leads than this and a question is not judged on whether it tells leads apart. */
    static final int MIN_LEADS = 10;
    /** Answers given by fewer leads than this are too small to compare. */
    static final int MIN_ANSWER_LEADS = 3;
    /** Win lift from which an answer earns more points. */
    static final double WINS_MORE = 1.25;
    /** Win lift up to which an answer earns fewer points. */
    static final double WINS_LESS = 0.75;

    /** The 5 % critical values of the chi-square distribution for 1 to 10 degrees of freedom. */
    private static final double[] CHI_SQUARE_5 = {
        3.841, 5.991, 7.815, 9.488, 11.070, 12.592, 14.067, 15.507, 16.919, 18.307
    };

    private final String language;
    private final Collection<Submission> latest;
    private final Map<Long, Map<String, List<String>>> answers;
    private final Map<Long, DealOutcome> outcomes;
    private final Map<String, Report.DropOffCost> dropOff;
    private final Map<Long, SalesFeedback> feedback;

    /**
     * {@code latest} is each lead's latest submission, {@code answers} their answers by submission id, {@code dropOff}
     * what each question costs in visitors who leave the form there (where the funnel can tell).
     */
    AnswerInsights(
            String language,
            Collection<Submission> latest,
            Map<Long, Map<String, List<String>>> answers,
            Map<Long, DealOutcome> outcomes,
            Map<String, Report.DropOffCost> dropOff) {
        this(language, latest, answers, outcomes, dropOff, Map.of());
    }

    /** As above, with what sales said of the leads ({@code feedback} by lead id). */
    AnswerInsights(
            String language,
            Collection<Submission> latest,
            Map<Long, Map<String, List<String>>> answers,
            Map<Long, DealOutcome> outcomes,
            Map<String, Report.DropOffCost> dropOff,
            Map<Long, SalesFeedback> feedback) {
        this.feedback = feedback;
        this.language = language;
        this.latest = latest;
        this.answers = answers;
        this.outcomes = outcomes;
        this.dropOff = dropOff;
    }

    /**
     * Per question whose answers fall into kinds (the options of a choice question, the ranges of a number or rating
     * question): each kind's results with its suggested points, and whether the question tells leads apart.
     */
    List<Report.QuestionInsight> of(FormDefinition definition) {
        Tally all = tally(latest);
        List<Report.QuestionInsight> insights = new ArrayList<>();
        for (Question question : definition.questions().toList()) {
            List<Measured> measured = new ArrayList<>();
            for (Kind kind : kinds(question)) {
                Tally gave = tally(latest.stream()
                        .filter(s -> kind.gave().test(answers.get(s.id).getOrDefault(question.id(), List.of())))
                        .toList());
                if (kind.scored() || gave.leads() > 0) {
                    measured.add(new Measured(kind, gave, Reports.lift(gave.winRate(), all.winRate())));
                }
            }
            if (!measured.isEmpty()) {
                List<Report.AnswerInsight> rows = advise(definition, measured, all);
                insights.add(judge(question, measured, rows, all.leads()));
            }
        }
        return insights;
    }

    /**
     * One kind of answer a report row stands for: its value in the API (an option's value, a range as {@code min..max}
     * with either end open), its label on the page, the points per dimension and knockout the form gives it, which
     * answers count as it, and whether the form scores it (answers outside every range are a row the form cannot
     * score).
     */
    private record Kind(
            String value,
            String label,
            Map<String, Integer> points,
            String knockout,
            Predicate<List<String>> gave,
            boolean scored) {}

    /** A kind of answer with the results of the leads who gave it. */
    private record Measured(Kind kind, Tally gave, Double winLift) {

        /** Whether its won deals are enough to change its points. */
        boolean judged() {
            return kind.scored() && kind.knockout() == null && gave.closed() >= MIN_CLOSED && winLift != null;
        }
    }

    private List<Kind> kinds(Question question) {
        if (!question.options().isEmpty()) {
            return question.options().stream()
                    .map(option -> new Kind(
                            option.value(),
                            option.label().in(language),
                            option.points(),
                            option.knockout(),
                            given -> given.contains(option.value()),
                            true))
                    .toList();
        }
        if (question.type() == QuestionType.NUMBER && !question.ranges().isEmpty()) {
            List<Kind> kinds = new ArrayList<>();
            for (NumberRange range : question.ranges()) {
                kinds.add(rangeKind(question, range, range.describe()));
            }
            kinds.add(outside(question, "Outside every range"));
            return kinds;
        }
        if (question.type() == QuestionType.RATING && question.scale() != null) {
            Scale scale = question.scale();
            if (question.ranges().isEmpty()) {
                return scale.values().stream()
                        .map(point -> new Kind(
                                String.valueOf(point),
                                point + " of " + scale.max() + end(scale, point),
                                Map.of(),
                                null,
                                given -> number(given)
                                        .filter(n -> n == point.doubleValue())
                                        .isPresent(),
                                true))
                        .toList();
            }
            List<Kind> kinds = new ArrayList<>();
            for (NumberRange range : question.ranges()) {
                List<Integer> points = scale.values().stream()
                        .filter(p -> firstRange(question, p).orElse(null) == range)
                        .toList();
                if (!points.isEmpty()) {
                    kinds.add(rangeKind(question, range, ratingLabel(scale, points)));
                }
            }
            kinds.add(outside(question, "Not scored by any range"));
            return kinds;
        }
        return List.of();
    }

    private Kind rangeKind(Question question, NumberRange range, String label) {
        return new Kind(
                bound(range.min()) + ".." + bound(range.max()),
                label,
                range.points(),
                range.knockout(),
                given -> number(given).flatMap(n -> firstRange(question, n)).orElse(null) == range,
                true);
    }

    /** Answers no range scores; a row only when someone gave one, since points cannot be suggested for it. */
    private static Kind outside(Question question, String label) {
        return new Kind(
                "none",
                label,
                Map.of(),
                null,
                given -> number(given).isPresent()
                        && number(given).flatMap(n -> firstRange(question, n)).isEmpty(),
                false);
    }

    /** The range that scores a number, as the scoring engine picks it: the first that contains it. */
    private static Optional<NumberRange> firstRange(Question question, double number) {
        return question.ranges().stream().filter(r -> r.contains(number)).findFirst();
    }

    /** The points of a scale a range covers, as "1 to 2 of 5" or, for one point, "5 of 5 (Top priority)". */
    private String ratingLabel(Scale scale, List<Integer> points) {
        int first = points.getFirst();
        int last = points.getLast();
        boolean consecutive = last - first + 1 == points.size();
        if (first == last) {
            return first + " of " + scale.max() + end(scale, first);
        }
        if (consecutive) {
            return first + " to " + last + " of " + scale.max();
        }
        return String.join(", ", points.stream().map(String::valueOf).toList()) + " of " + scale.max();
    }

    /** The word a rating scale gives one of its ends, as " (Top priority)"; empty for the points between. */
    private String end(Scale scale, int point) {
        Text label = point == scale.min() ? scale.minLabel() : point == scale.max() ? scale.maxLabel() : null;
        return label == null ? "" : " (" + label.in(language) + ")";
    }

    private static Optional<Double> number(List<String> given) {
        return given.isEmpty() ? Optional.empty() : Numbers.parse(given.getFirst());
    }

    private static String bound(Double value) {
        if (value == null) {
            return "";
        }
        return value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value);
    }

    private static int sum(Map<String, Integer> points) {
        return points.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * How many leads, how many qualified, won and closed (won or lost, or rejected by sales without a deal outcome), the
     * won deals' revenue, and how many sales accepted and rejected.
     */
    private record Tally(
            long leads,
            long qualified,
            long won,
            long closed,
            BigDecimal revenue,
            String currency,
            long accepted,
            long rejected) {

        Double acceptedRate() {
            return Reports.rate(accepted, accepted + rejected);
        }

        Double qualificationRate() {
            return Reports.rate(qualified, leads);
        }

        Double winRate() {
            return Reports.rate(won, closed);
        }
    }

    private Tally tally(Collection<Submission> submissions) {
        long qualified =
                submissions.stream().filter(s -> "qualified".equals(s.verdict)).count();
        long won = 0;
        long lost = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        Map<String, Integer> currencies = new HashMap<>();
        long accepted = 0;
        long rejected = 0;
        for (Submission s : submissions) {
            SalesFeedback said = feedback.get(s.leadId);
            if (said != null && said.accepted()) {
                accepted++;
            } else if (said != null && said.rejected()) {
                rejected++;
            }
            DealOutcome outcome = outcomes.get(s.leadId);
            if (outcome == null || "open".equals(outcome.status)) {
                // Sales saying "not a fit" ends the lead as surely as a lost deal: it counts against its answers.
                if (said != null && said.rejected()) {
                    lost++;
                }
                continue;
            }
            if ("won".equals(outcome.status)) {
                won++;
                if (outcome.amount != null) {
                    revenue = revenue.add(outcome.amount);
                    currencies.merge(String.valueOf(outcome.currency), 1, Integer::sum);
                }
            } else if ("lost".equals(outcome.status)) {
                lost++;
            }
        }
        String currency = currencies.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
        return new Tally(submissions.size(), qualified, won, won + lost, revenue, currency, accepted, rejected);
    }

    /** Each kind's row with the points its won deals suggest, weighed against the question's other answers. */
    private List<Report.AnswerInsight> advise(FormDefinition definition, List<Measured> measured, Tally all) {
        Map<String, Integer> top = new HashMap<>();
        Set<String> used = new LinkedHashSet<>();
        for (String dimension : definition.dimensions().keySet()) {
            for (Measured m : measured) {
                int points = m.kind().points().getOrDefault(dimension, 0);
                top.merge(dimension, points, Math::max);
                if (points > 0) {
                    used.add(dimension);
                }
            }
        }
        double best = measured.stream()
                .filter(Measured::judged)
                .mapToDouble(m -> m.gave().winRate())
                .max()
                .orElse(0);
        List<Report.AnswerInsight> rows = new ArrayList<>();
        for (Measured m : measured) {
            Kind kind = m.kind();
            Tally gave = m.gave();
            Advice advice = advice(definition.dimensions(), m, top, used, best);
            rows.add(new Report.AnswerInsight(
                    kind.value(),
                    kind.label(),
                    sum(kind.points()),
                    gave.leads(),
                    gave.qualified(),
                    gave.qualificationRate(),
                    Reports.lift(gave.qualificationRate(), all.qualificationRate()),
                    gave.won(),
                    gave.closed(),
                    gave.winRate(),
                    m.winLift(),
                    gave.revenue(),
                    gave.currency(),
                    sum(kind.points()) + advice.change(),
                    advice.points(),
                    advice.text(),
                    gave.accepted(),
                    gave.rejected(),
                    gave.acceptedRate()));
        }
        return rows;
    }

    /** A suggestion: the new points of the dimensions that change, by how much the total moves, and in words. */
    private record Advice(Map<String, Integer> points, int change, String text) {
        static Advice keep(String text) {
            return new Advice(Map.of(), 0, text);
        }
    }

    private static Advice advice(
            Map<String, Dimension> dimensions,
            Measured measured,
            Map<String, Integer> top,
            Set<String> used,
            double best) {
        Kind kind = measured.kind();
        if (!kind.scored()) {
            return Advice.keep("No range scores these answers: add one in the studio to give them points.");
        }
        if (kind.knockout() != null) {
            return Advice.keep("Knockout: keep it while these leads never win.");
        }
        if (!measured.judged()) {
            return Advice.keep("Too few closed deals to judge.");
        }
        double lift = measured.winLift();
        boolean more = lift >= WINS_MORE;
        if (!more && lift > WINS_LESS) {
            return Advice.keep("Wins about as often as average: keep its points.");
        }
        double share = best > 0 ? measured.gave().winRate() / best : 1;
        Map<String, Integer> changed = new LinkedHashMap<>();
        int change = 0;
        for (String dimension : dimensions.keySet()) {
            int points = kind.points().getOrDefault(dimension, 0);
            boolean scores = points > 0 || (more && !has(kind.points()) && used.contains(dimension));
            if (!scores) {
                continue;
            }
            int step = Math.max(2, (int) Math.round(Math.max(points, 4) * 0.25));
            int proportional = (int) Math.round(top.getOrDefault(dimension, 0) * share);
            int wanted = more
                    ? Math.min(
                            Math.max(points + step, proportional),
                            Math.max(points, dimensions.get(dimension).max()))
                    : Math.max(0, Math.min(points - step, proportional));
            if (wanted != points) {
                changed.put(dimension, wanted);
                change += wanted - points;
            }
        }
        if (more) {
            if (change > 0) {
                return new Advice(
                        changed, change, "Wins more often than average: give it more points (+" + change + ").");
            }
            return Advice.keep(
                    used.isEmpty()
                            ? "Wins more often than average, but the question gives no points: add some in the studio."
                            : "Wins more often than average and already gives the most points its dimension counts.");
        }
        if (change < 0) {
            return new Advice(
                    changed, change, "Wins less often than average: give it fewer points (−" + -change + ").");
        }
        return Advice.keep("Wins less often than average; it already gives no points.");
    }

    private static boolean has(Map<String, Integer> points) {
        return points.values().stream().anyMatch(p -> p > 0);
    }

    /**
     * Whether the question tells leads apart. It is judged once at least {@value #MIN_LEADS} leads are in the period and
     * two of its answers were given by {@value #MIN_ANSWER_LEADS} leads or more; it does not tell leads apart when those
     * answers qualify leads at rates within {@code SAME_RATE} (10 points) of each other and their win rates do not
     * differ significantly (chi-square test at 5 % over answers with {@value #MIN_CLOSED} or more closed deals).
     */
    private Report.QuestionInsight judge(
            Question question, List<Measured> measured, List<Report.AnswerInsight> rows, long leads) {
        List<Measured> compared = measured.stream()
                .filter(m -> m.gave().leads() >= MIN_ANSWER_LEADS)
                .toList();
        boolean enough = compared.size() >= 2 && leads >= MIN_LEADS;
        double spread = compared.stream()
                        .mapToDouble(m -> m.gave().qualificationRate())
                        .max()
                        .orElse(0)
                - compared.stream()
                        .mapToDouble(m -> m.gave().qualificationRate())
                        .min()
                        .orElse(0);
        boolean qualifiesApart = spread >= SAME_RATE;
        List<Tally> closing = compared.stream()
                .map(Measured::gave)
                .filter(t -> t.closed() >= MIN_CLOSED)
                .toList();
        boolean winsApart = winRatesDiffer(
                closing.stream().mapToLong(Tally::won).toArray(),
                closing.stream().mapToLong(Tally::closed).toArray());
        boolean discriminates = !enough || qualifiesApart || winsApart;
        Report.DropOffCost cost = dropOff.get(question.id());
        String advice;
        if (!enough) {
            advice = "Too few answers to judge yet: it takes " + MIN_LEADS + " leads and two answers given by "
                    + MIN_ANSWER_LEADS + " leads or more.";
        } else if (qualifiesApart) {
            advice = "Keeps qualified and unqualified leads apart: keep it.";
        } else if (winsApart) {
            advice = "Its answers qualify leads alike but win at clearly different rates: keep it and let its points"
                    + " follow the wins.";
        } else {
            advice = "Every answer qualifies leads at about the same rate and wins about as often: it does not tell"
                    + " leads apart. "
                    + (cost != null && cost.share() != null
                            ? cost.left() + " of " + cost.reached() + " visitors who reached it ("
                                    + Math.round(cost.share() * 100) + " %) left the form there: deleting it would"
                                    + " shorten the form and keep some of them."
                            : "Consider deleting it to shorten the form.");
        }
        return new Report.QuestionInsight(
                question.id(),
                question.label() == null ? question.id() : question.label().in(language),
                rows,
                enough,
                discriminates,
                advice,
                cost);
    }

    /**
     * Whether won and lost deals spread over the answers (each answer's won and closed deals at the same index)
     * differently enough not to be chance: a chi-square test of independence at 5 %.
     */
    static boolean winRatesDiffer(long[] won, long[] closed) {
        if (won.length < 2) {
            return false;
        }
        long allWon = java.util.Arrays.stream(won).sum();
        long allClosed = java.util.Arrays.stream(closed).sum();
        if (allWon == 0 || allWon == allClosed) {
            return false;
        }
        double statistic = 0;
        for (int i = 0; i < won.length; i++) {
            double expectedWon = closed[i] * (double) allWon / allClosed;
            double expectedLost = closed[i] - expectedWon;
            double lost = closed[i] - won[i];
            statistic +=
                    Math.pow(won[i] - expectedWon, 2) / expectedWon + Math.pow(lost - expectedLost, 2) / expectedLost;
        }
        return statistic > criticalValue(won.length - 1);
    }

    /** The chi-square value a statistic must exceed at 5 %: from the table, beyond it by Wilson and Hilferty. */
    static double criticalValue(int freedom) {
        if (freedom <= CHI_SQUARE_5.length) {
            return CHI_SQUARE_5[freedom - 1];
        }
        double k = freedom;
        double term = 1 - 2 / (9 * k) + 1.6449 * Math.sqrt(2 / (9 * k));
        return k * term * term * term;
    }
}
