package io.leadgate.scoring;

import io.leadgate.forms.definition.Dimension;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.NumberRange;
import io.leadgate.forms.definition.Option;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.QuestionType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Progressive profiling: which questions a follow-up asks a known lead. Only what is unknown (required, or worth
 * points) or stale (older than its dimension's decay, so it no longer counts); never the email, hidden fields or
 * anything already answered and still current.
 */
public final class ProgressiveProfile {

    private ProgressiveProfile() {}

    /** The questions to ask, in the form's order. */
    public static List<Question> toAsk(FormDefinition form, Answers known, Instant now) {
        return form.questions()
                .filter(q -> isAskable(q) && Conditions.isShown(form, q, known))
                .filter(q -> {
                    Optional<Answer> answer = known.get(q.id());
                    return answer.isEmpty() ? q.required() || counts(q) : isStale(form, q, answer.get(), now);
                })
                .toList();
    }

    /**
     * What a follow-up asks a known lead, ordered by how many points each answer can still move, and whether any
     * answers could still qualify them.
     */
    public record FollowUpPlan(List<Question> questions, boolean canQualify) {}

    /**
     * The follow-up for a lead who is not qualified: what is unknown or stale, any answer that knocks the lead out,
     * and, most points first, the questions whose best answer moves the lead furthest, until together they could
     * cross the qualified threshold (or every question that could move it is asked). Only the form's own questions.
     */
    public static FollowUpPlan followUp(FormDefinition form, Answers known, Instant now) {
        Map<Question, Integer> gains = new LinkedHashMap<>();
        Map<Question, Answer> best = new LinkedHashMap<>();
        Set<Question> asked = new LinkedHashSet<>(toAsk(form, known, now));
        Answers hoped = known;
        // Better answers may reveal questions (show-if) that move the lead further, so look again until nothing new.
        for (int round = 0; round < 3 && !qualifies(form, hoped, now); round++) {
            int current = ScoringEngine.score(form, hoped, now).total();
            boolean found = false;
            for (Question question : scoring(form, hoped)) {
                if (best.containsKey(question)) {
                    continue;
                }
                Answers base = hoped;
                Optional<Answer> answer = bestAnswer(form, base, question, now);
                if (answer.isPresent()) {
                    found = true;
                    best.put(question, answer.get());
                    gains.put(
                            question,
                            ScoringEngine.score(form, base.updatedBy(Answers.of(question.id(), answer.get())), now)
                                            .total()
                                    - current);
                }
            }
            // An answer that knocks the lead out keeps them from qualifying whatever else they say.
            best.keySet().stream().filter(q -> knocksOut(q, known)).forEach(asked::add);
            for (Question question : asked) {
                if (best.containsKey(question)) {
                    hoped = hoped.updatedBy(Answers.of(question.id(), best.get(question)));
                }
            }
            List<Question> movers = gains.entrySet().stream()
                    .filter(e -> e.getValue() > 0 && !asked.contains(e.getKey()))
                    .sorted(Map.Entry.<Question, Integer>comparingByValue().reversed())
                    .map(Map.Entry::getKey)
                    .toList();
            for (Question mover : movers) {
                if (qualifies(form, hoped, now)) {
                    break;
                }
                asked.add(mover);
                hoped = hoped.updatedBy(Answers.of(mover.id(), best.get(mover)));
            }
            if (!found) {
                break;
            }
        }
        List<Question> ordered = asked.stream()
                .sorted(Comparator.comparing((Question q) -> knocksOut(q, known) ? 0 : 1)
                        .thenComparing(q -> -gains.getOrDefault(q, 0)))
                .toList();
        return new FollowUpPlan(ordered, qualifies(form, hoped, now));
    }

    private static boolean qualifies(FormDefinition form, Answers answers, Instant now) {
        return ScoringEngine.score(form, answers, now).verdict() == Verdict.QUALIFIED;
    }

    private static boolean knocksOut(Question question, Answers known) {
        return known.get(question.id())
                .map(answer -> question.options().stream()
                                .anyMatch(o ->
                                        o.knockout() != null && answer.values().contains(o.value()))
                        || question.ranges().stream()
                                .anyMatch(r -> r.knockout() != null
                                        && Conditions.number(answer.first())
                                                .map(r::contains)
                                                .orElse(false)))
                .orElse(false);
    }

    /** The answer to this question that scores the lead highest today, all else as it is; none for a free text. */
    private static Optional<Answer> bestAnswer(FormDefinition form, Answers known, Question question, Instant now) {
        List<List<String>> candidates = new ArrayList<>();
        if (question.type().hasOptions()) {
            List<Option> scoring = question.options().stream()
                    .filter(o -> o.knockout() == null)
                    .toList();
            scoring.forEach(o -> candidates.add(List.of(o.value())));
            if (question.type() == QuestionType.MULTIPLE) {
                candidates.add(scoring.stream()
                        .filter(o -> o.points().values().stream().anyMatch(p -> p > 0))
                        .map(Option::value)
                        .toList());
            }
        }
        for (NumberRange range : question.ranges()) {
            if (range.knockout() == null && (range.min() != null || range.max() != null)) {
                double inside = range.min() != null ? range.min() : range.max() - 1;
                candidates.add(List.of(plain(inside)));
            }
        }
        return candidates.stream()
                .filter(values -> !values.isEmpty())
                .map(values -> new Answer(values, now))
                .max(Comparator.comparingInt(answer -> ScoringEngine.score(
                                form, known.updatedBy(Answers.of(question.id(), answer)), now)
                        .total()));
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }

    /** The shown questions that earn points: what a lead whose answers are all current may want to update. */
    public static List<Question> scoring(FormDefinition form, Answers known) {
        return form.questions()
                .filter(q -> isAskable(q) && Conditions.isShown(form, q, known) && counts(q))
                .toList();
    }

    /** Whether the answer has outlived the decay, or one half-life, of a dimension it scores on. */
    public static boolean isStale(FormDefinition form, Question question, Answer answer, Instant now) {
        Duration age = Duration.between(answer.answeredAt(), now);
        for (String dimension : dimensionsOf(question)) {
            Dimension declared = form.dimensions().get(dimension);
            if (declared != null && declared.decay() != null && age.compareTo(declared.decay()) > 0) {
                return true;
            }
            // Past one half-life an answer counts less than half: worth asking again.
            if (declared != null && declared.halfLife() != null && age.compareTo(declared.halfLife()) > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAskable(Question question) {
        return question.type() != QuestionType.HIDDEN && question.type() != QuestionType.EMAIL;
    }

    /** Whether the answer changes the score: it earns points or can knock the lead out. */
    private static boolean counts(Question question) {
        return !dimensionsOf(question).isEmpty()
                || question.options().stream().anyMatch(o -> o.knockout() != null)
                || question.ranges().stream().anyMatch(r -> r.knockout() != null);
    }

    /** The dimensions a question can earn points on. */
    static Set<String> dimensionsOf(Question question) {
        Set<String> dimensions = new LinkedHashSet<>(question.maxPoints().keySet());
        question.options().forEach(option -> dimensions.addAll(option.points().keySet()));
        question.ranges().forEach(range -> dimensions.addAll(range.points().keySet()));
        return dimensions;
    }
}
