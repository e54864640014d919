package io.leadgate.scoring;

import io.leadgate.forms.definition.Dimension;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Knockout;
import io.leadgate.forms.definition.Option;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.Text;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores answers against a form: points per option or numeric range on the form's dimensions, caps per question
 * and per dimension, decay of stale answers, weights, knockouts, thresholds and grade, with a ledger line for each.
 */
public final class ScoringEngine {

    private final FormDefinition form;
    private final String language;
    private final Instant now;
    private final List<LedgerEntry> ledger = new ArrayList<>();
    private final Set<String> knockouts = new LinkedHashSet<>();

    private ScoringEngine(FormDefinition form, Instant now) {
        this.form = form;
        this.language = form.defaultLanguage();
        this.now = now;
    }

    /** Scores the answers as they stand at {@code now}; answers older than their dimension's decay no longer count. */
    public static Score score(FormDefinition form, Answers answers, Instant now) {
        return new ScoringEngine(form, now).run(answers);
    }

    private Score run(Answers answers) {
        for (Question question : form.questions().toList()) {
            if (Conditions.isShown(form, question, answers)) {
                answers.get(question.id()).ifPresent(answer -> scoreAnswer(question, answer));
            }
        }
        List<DimensionScore> dimensions = new ArrayList<>();
        double weighted = 0;
        double weightedMax = 0;
        for (Map.Entry<String, Dimension> entry : form.dimensions().entrySet()) {
            String name = entry.getKey();
            Dimension dimension = entry.getValue();
            int sum = ledger.stream()
                    .filter(l -> l.counted() && name.equals(l.dimension()))
                    .mapToInt(LedgerEntry::points)
                    .sum();
            int earned = Math.clamp(sum, 0, dimension.max());
            if (earned != sum) {
                ledger.add(new LedgerEntry(
                        null,
                        null,
                        name,
                        earned - sum,
                        true,
                        String.format(
                                "%s counts %d to %d: answers gave %d", dimensionLabel(name), 0, dimension.max(), sum)));
            }
            dimensions.add(new DimensionScore(name, earned, dimension.max(), dimension.weight()));
            weighted += dimension.weight() * earned;
            weightedMax += dimension.weight() * dimension.max();
        }
        int total = weightedMax <= 0 ? 0 : (int) Math.round(100 * weighted / weightedMax);
        Verdict verdict = verdict(total);
        return new Score(total, verdict, grade(total), List.copyOf(knockouts), dimensions, ledger);
    }

    private Verdict verdict(int total) {
        if (!knockouts.isEmpty()) {
            // A knockout decides the verdict whatever the points; it nurtures only if each knockout says so.
            return knockouts.stream().allMatch(this::routesToNurture) ? Verdict.NURTURE : Verdict.DISQUALIFIED;
        }
        if (total >= form.verdicts().qualified().min()) {
            return Verdict.QUALIFIED;
        }
        return total >= form.verdicts().nurture().min() ? Verdict.NURTURE : Verdict.DISQUALIFIED;
    }

    private String grade(int total) {
        if (form.grades().isEmpty()) {
            return null;
        }
        if (!knockouts.isEmpty()) {
            return "D";
        }
        for (String grade : List.of("A", "B", "C")) {
            Integer min = form.grades().get(grade);
            if (min != null && total >= min) {
                return grade;
            }
        }
        return "D";
    }

    private void scoreAnswer(Question question, Answer answer) {
        String asked = text(question.label(), question.id());
        if (question.type().hasOptions()) {
            Map<String, Integer> fromQuestion = new LinkedHashMap<>();
            for (String value : new LinkedHashSet<>(answer.values())) {
                Optional<Option> picked = question.options().stream()
                        .filter(o -> o.value().equals(value))
                        .findFirst();
                picked.ifPresent(option -> {
                    String given = asked + " " + text(option.label(), option.value());
                    knockout(question, value, option.knockout(), given);
                    option.points().forEach((dimension, points) -> {
                        if (points != 0) {
                            add(question, value, dimension, points, given, answer)
                                    .ifPresent(counted -> fromQuestion.merge(dimension, counted, Integer::sum));
                        }
                    });
                });
            }
            question.maxPoints().forEach((dimension, cap) -> {
                int sum = fromQuestion.getOrDefault(dimension, 0);
                if (sum > cap) {
                    ledger.add(new LedgerEntry(
                            question.id(),
                            String.join(",", answer.values()),
                            dimension,
                            cap - sum,
                            true,
                            String.format(
                                    "%s counts at most %d for %s (picks gave %d)",
                                    asked, cap, dimensionLabel(dimension), sum)));
                }
            });
        } else if (!question.ranges().isEmpty()) {
            Optional<Double> number = Conditions.number(answer.first());
            if (number.isEmpty()) {
                return;
            }
            question.ranges().stream()
                    .filter(range -> range.contains(number.get()))
                    .findFirst()
                    .ifPresent(range -> {
                        String given = asked + " " + answer.first() + " (" + range.describe() + ")";
                        knockout(question, answer.first(), range.knockout(), given);
                        range.points().forEach((dimension, points) -> {
                            if (points != 0) {
                                add(question, answer.first(), dimension, points, given, answer);
                            }
                        });
                    });
        }
    }

    private void knockout(Question question, String value, String code, String given) {
        if (code != null) {
            knockouts.add(code);
            ledger.add(new LedgerEntry(
                    question.id(),
                    value,
                    null,
                    0,
                    true,
                    given + ": knockout " + code + " (" + reason(code) + ")"
                            + (routesToNurture(code) ? ", to nurture" : "")));
        }
    }

    /**
     * Adds a points line; returns the points it counts, none once its dimension's cut-off has passed. With a half-life
     * the points fade: an answer one half-life old counts half.
     */
    private Optional<Integer> add(
            Question question, String value, String dimension, int points, String given, Answer answer) {
        Dimension declared = form.dimensions().get(dimension);
        Duration age = answer.answeredAt() == null || answer.answeredAt().isAfter(now)
                ? Duration.ZERO
                : Duration.between(answer.answeredAt(), now);
        String reason = String.format("%s: %+d %s", given, points, dimensionLabel(dimension));
        if (declared.decay() != null && age.compareTo(declared.decay()) > 0) {
            reason += String.format(
                    " (expired: answered %d days ago, %s answers count for %d days)",
                    age.toDays(), dimensionLabel(dimension), declared.decay().toDays());
            ledger.add(new LedgerEntry(question.id(), value, dimension, points, false, reason));
            return Optional.empty();
        }
        int counted = points;
        if (declared.halfLife() != null && !age.isZero()) {
            double halves = (double) age.toSeconds() / declared.halfLife().toSeconds();
            counted = (int) Math.round(points * Math.pow(0.5, halves));
            if (counted != points) {
                reason += String.format(
                        ", now %+d (answered %d days ago; %s answers lose half their points every %d days)",
                        counted,
                        age.toDays(),
                        dimensionLabel(dimension),
                        declared.halfLife().toDays());
            }
        }
        ledger.add(new LedgerEntry(question.id(), value, dimension, counted, true, reason));
        return Optional.of(counted);
    }

    private boolean routesToNurture(String code) {
        Knockout knockout = form.knockouts().get(code);
        return knockout != null && knockout.nurtures();
    }

    private String reason(String code) {
        Knockout knockout = form.knockouts().get(code);
        return knockout == null ? code : text(knockout.reason(), code);
    }

    private String dimensionLabel(String dimension) {
        Dimension declared = form.dimensions().get(dimension);
        return declared == null ? dimension : text(declared.label(), dimension);
    }

    private String text(Text text, String fallback) {
        return text == null ? fallback : text.in(language);
    }
}
