package io.leadgate.reporting;

import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.NumberRange;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.forms.definition.Scale;
import io.leadgate.forms.definition.Text;
import io.leadgate.leads.DealOutcome;
import io.leadgate.leads.Submission;
import io.leadgate.scoring.Numbers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which answers end in qualified leads and won deals: per option of each choice question, per range of each number
 * question and per point of each rating scale, its leads, qualification and win rates and their lift over the form's
 * average, a suggested change of points, and whether the question tells leads apart at all ("repeat what works;
 * delete what fails").
 */
final class AnswerInsights {

    /** Fewer closed deals than this and an answer's win rate is not used for advice. */
    static final int MIN_CLOSED = 3;
    /** Answers whose qualification rates all lie within this many points of each other do not tell leads apart. */
    static final double SAME_RATE = 0.10;
    /** Fewer leads than this and a question is not judged on whether it tells leads apart. */
    static final int MIN_LEADS = 10;

    private final String language;
    private final Collection<Submission> latest;
    private final Map<Long, Map<String, List<String>>> answers;
    private final Map<Long, DealOutcome> outcomes;

    /** {@code latest} is each lead's latest submission, {@code answers} their answers by submission id. */
    AnswerInsights(
            String language,
            Collection<Submission> latest,
            Map<Long, Map<String, List<String>>> answers,
            Map<Long, DealOutcome> outcomes) {
        this.language = language;
        this.latest = latest;
        this.answers = answers;
        this.outcomes = outcomes;
    }

    /**
     * Per question whose answers fall into kinds (the options of a choice question, the ranges of a number question,
     * the points of a rating scale): each kind's leads, qualification and win rates with their lift, and the advice.
     */
    List<Report.QuestionInsight> of(FormDefinition definition) {
        Tally all = tally(latest);
        List<Report.QuestionInsight> insights = new ArrayList<>();
        for (Question question : definition.questions().toList()) {
            List<Report.AnswerInsight> rows = kinds(question).stream()
                    .map(kind -> row(question, kind, all))
                    .toList();
            if (!rows.isEmpty()) {
                insights.add(judge(question, rows, all.leads()));
            }
        }
        return insights;
    }

    /**
     * One kind of answer a report row stands for: its value in the API, its label on the page, the points and knockout
     * the form gives it, and which answers count as it.
     */
    private record Kind(String value, String label, int points, String knockout, Predicate<List<String>> gave) {}

    private List<Kind> kinds(Question question) {
        if (!question.options().isEmpty()) {
            return question.options().stream()
                    .map(option -> new Kind(
                            option.value(),
                            option.label().in(language),
                            sum(option.points()),
                            option.knockout(),
                            given -> given.contains(option.value())))
                    .toList();
        }
        if (question.type() == QuestionType.NUMBER) {
            return question.ranges().stream()
                    .map(range -> new Kind(
                            bound(range.min()) + ".." + bound(range.max()),
                            range.describe(),
                            sum(range.points()),
                            range.knockout(),
                            given -> number(given).filter(range::contains).isPresent()))
                    .toList();
        }
        if (question.type() == QuestionType.RATING && question.scale() != null) {
            Scale scale = question.scale();
            return scale.values().stream()
                    .map(point -> {
                        Optional<NumberRange> range = question.ranges().stream()
                                .filter(r -> r.contains(point))
                                .findFirst();
                        return new Kind(
                                String.valueOf(point),
                                point + " of " + scale.max() + end(scale, point),
                                range.map(r -> sum(r.points())).orElse(0),
                                range.map(NumberRange::knockout).orElse(null),
                                given -> number(given)
                                        .filter(n -> n == point.doubleValue())
                                        .isPresent());
                    })
                    .toList();
        }
        return List.of();
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

    /** How many leads, how many qualified, won and closed (won or lost). */
    private record Tally(long leads, long qualified, long won, long closed) {

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
        long won = submissions.stream()
                .filter(s -> Reports.isStatus(outcomes, s, "won"))
                .count();
        long lost = submissions.stream()
                .filter(s -> Reports.isStatus(outcomes, s, "lost"))
                .count();
        return new Tally(submissions.size(), qualified, won, won + lost);
    }

    private Report.AnswerInsight row(Question question, Kind kind, Tally all) {
        Tally gave = tally(latest.stream()
                .filter(s -> kind.gave().test(answers.get(s.id).getOrDefault(question.id(), List.of())))
                .toList());
        Double winLift = Reports.lift(gave.winRate(), all.winRate());
        return new Report.AnswerInsight(
                kind.value(),
                kind.label(),
                kind.points(),
                gave.leads(),
                gave.qualified(),
                gave.qualificationRate(),
                Reports.lift(gave.qualificationRate(), all.qualificationRate()),
                gave.won(),
                gave.closed(),
                gave.winRate(),
                winLift,
                suggestion(kind.knockout(), kind.points(), gave.closed(), winLift));
    }

    /** Whether the question's answers qualify leads at rates far enough apart to be worth asking. */
    private Report.QuestionInsight judge(Question question, List<Report.AnswerInsight> rows, long leads) {
        List<Double> rates = rows.stream()
                .filter(r -> r.leads() > 0)
                .map(Report.AnswerInsight::qualificationRate)
                .toList();
        boolean enough = rates.size() >= 2 && leads >= MIN_LEADS;
        double spread = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                - rates.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        boolean discriminates = !enough || spread >= SAME_RATE;
        String advice = !enough
                ? "Too few answers to judge yet."
                : discriminates
                        ? "Keeps qualified and unqualified leads apart: keep it."
                        : "Every answer qualifies leads at about the same rate: it does not tell leads apart. Consider deleting it"
                                + " to shorten the form.";
        return new Report.QuestionInsight(
                question.id(),
                question.label() == null ? question.id() : question.label().in(language),
                rows,
                enough,
                discriminates,
                advice);
    }

    /** Repeat what works, delete what fails: advice from won deals, once enough have closed. */
    static String suggestion(String knockout, int points, long closed, Double winLift) {
        if (knockout != null) {
            return "Knockout: keep it while these leads never win.";
        }
        if (closed < MIN_CLOSED || winLift == null) {
            return "Too few closed deals to judge.";
        }
        int step = Math.max(2, (int) Math.round(Math.max(points, 4) * 0.25));
        if (winLift >= 1.25) {
            return "Wins more often than average: give it more points (+" + step + ").";
        }
        if (winLift <= 0.75) {
            return "Wins less often than average: give it fewer points (−" + Math.min(step, Math.max(points, step))
                    + ").";
        }
        return "Wins about as often as average: keep its points.";
    }
}
