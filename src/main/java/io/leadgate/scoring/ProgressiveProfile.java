package io.leadgate.scoring;

import io.leadgate.forms.definition.Dimension;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.QuestionType;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
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

    /** The shown questions that earn points: what a lead whose answers are all current may want to update. */
    public static List<Question> scoring(FormDefinition form, Answers known) {
        return form.questions()
                .filter(q -> isAskable(q) && Conditions.isShown(form, q, known) && counts(q))
                .toList();
    }

    /** Whether the answer has outlived the decay of a dimension it scores on. */
    public static boolean isStale(FormDefinition form, Question question, Answer answer, Instant now) {
        Duration age = Duration.between(answer.answeredAt(), now);
        for (String dimension : dimensionsOf(question)) {
            Dimension declared = form.dimensions().get(dimension);
            if (declared != null && declared.decay() != null && age.compareTo(declared.decay()) > 0) {
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
