package io.leadgate.scoring;

import io.leadgate.forms.definition.Condition;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.Step;

import java.util.List;
import java.util.Optional;

/** Decides show-if conditions on answers; the server's decision is the one that counts. */
public final class Conditions {

    private Conditions() {}

    /** Whether a condition holds; no condition always holds. */
    public static boolean holds(Condition condition, Answers answers) {
        if (condition == null) {
            return true;
        }
        if (condition.all() != null) {
            return condition.all().stream().allMatch(c -> holds(c, answers));
        }
        if (condition.any() != null) {
            return condition.any().stream().anyMatch(c -> holds(c, answers));
        }
        if (condition.not() != null) {
            return !holds(condition.not(), answers);
        }
        Optional<Answer> answer = answers.get(condition.question());
        List<String> values = answer.map(Answer::values).orElse(List.of());
        if (condition.answered() != null) {
            return answer.isPresent() == condition.answered();
        }
        if (condition.equalTo() != null) {
            return values.contains(condition.equalTo());
        }
        if (condition.anyOf() != null) {
            return values.stream().anyMatch(condition.anyOf()::contains);
        }
        if (condition.notIn() != null) {
            return values.stream().noneMatch(condition.notIn()::contains);
        }
        Double number = answer.map(Answer::first).flatMap(Conditions::number).orElse(null);
        return number != null
                && (condition.min() == null || number >= condition.min())
                && (condition.max() == null || number < condition.max());
    }

    /** Whether a question is shown, given the answers so far: its step and itself must both be shown. */
    public static boolean isShown(FormDefinition form, Question question, Answers answers) {
        for (Step step : form.steps()) {
            if (step.questions().contains(question)) {
                return holds(step.showIf(), answers) && holds(question.showIf(), answers);
            }
        }
        return false;
    }

    static Optional<Double> number(String text) {
        return Numbers.parse(text);
    }
}
