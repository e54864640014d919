package io.leadgate.forms;

import io.leadgate.forms.definition.Condition;
import io.leadgate.forms.definition.Option;
import io.leadgate.forms.definition.Question;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Conditions (show-if, webhook and assignment rules): one test each, on questions asked before, with their options. */
final class ConditionChecks extends FormCheck {

    ConditionChecks(FormCheck shared) {
        super(shared);
    }

    void condition(String pointer, Condition condition, Map<String, Question> visible) {
        if (condition == null) {
            return;
        }
        int combinators = (condition.all() != null ? 1 : 0)
                + (condition.any() != null ? 1 : 0)
                + (condition.not() != null ? 1 : 0);
        int comparisons = (condition.equalTo() != null ? 1 : 0)
                + (condition.anyOf() != null ? 1 : 0)
                + (condition.notIn() != null ? 1 : 0)
                + (condition.answered() != null ? 1 : 0)
                + (condition.min() != null || condition.max() != null ? 1 : 0);
        if (combinators > 0) {
            if (combinators > 1 || comparisons > 0 || condition.question() != null) {
                problem(
                        pointer,
                        "a condition with all, any or not cannot hold anything else",
                        "nest the other tests inside 'all: [...]'.");
            }
            each(pointer + "/all", condition.all(), visible);
            each(pointer + "/any", condition.any(), visible);
            condition(pointer + "/not", condition.not(), visible);
            return;
        }
        if (condition.question() == null) {
            problem(
                    pointer,
                    "a condition needs 'question:'",
                    "name the earlier question to test, e.g. {question: budget, equals: over-20k}.");
            return;
        }
        if (comparisons != 1) {
            problem(
                    pointer,
                    "a condition tests one thing",
                    "use exactly one of equals, in, not-in, answered, or min/max.");
        }
        Question question = visible.get(condition.question());
        if (question == null) {
            boolean exists = form.question(condition.question()).isPresent();
            String suggestion = Suggestions.closest(condition.question(), visible.keySet());
            problem(
                    pointer + "/question",
                    exists
                            ? "'" + condition.question() + "' is asked later; a condition can only test earlier answers"
                            : "there is no question '" + condition.question() + "'",
                    exists
                            ? "move the question before this one."
                            : (suggestion != null ? "did you mean '" + suggestion + "'? " : "") + "use one of: "
                                    + String.join(", ", visible.keySet()) + ".");
            return;
        }
        if (question.type().hasOptions()) {
            List<String> values = question.options().stream().map(Option::value).toList();
            List<String> tested = new ArrayList<>();
            if (condition.equalTo() != null) {
                tested.add(condition.equalTo());
            }
            if (condition.anyOf() != null) {
                tested.addAll(condition.anyOf());
            }
            if (condition.notIn() != null) {
                tested.addAll(condition.notIn());
            }
            for (String value : tested) {
                if (!values.contains(value)) {
                    problem(
                            pointer,
                            "'" + question.id() + "' has no option '" + value + "'",
                            "use one of: " + String.join(", ", values) + ".");
                }
            }
        }
        if ((condition.min() != null || condition.max() != null)
                && !question.type().isNumeric()) {
            problem(
                    pointer,
                    "min and max only test number and rating answers",
                    "use equals or in for '" + question.id() + "'.");
        }
    }

    void each(String pointer, List<Condition> conditions, Map<String, Question> visible) {
        if (conditions != null) {
            for (int i = 0; i < conditions.size(); i++) {
                condition(pointer + "/" + i, conditions.get(i), visible);
            }
        }
    }
}
