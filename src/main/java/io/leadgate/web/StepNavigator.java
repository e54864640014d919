package io.leadgate.web;

import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.Step;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Conditions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves through a form's steps as the answers so far allow: the next and previous step that is shown, the step that
 * holds a question, and whether an answer just revealed a question that the page (without JavaScript) did not ask.
 */
final class StepNavigator {

    private final FormDefinition form;

    StepNavigator(FormDefinition form) {
        this.form = form;
    }

    /** The next step shown after {@code step}; {@code step} itself when it is the last one shown. */
    int next(int step, Map<String, List<String>> answers) {
        Answers known = known(answers);
        for (int i = step + 1; i < form.steps().size(); i++) {
            if (Conditions.holds(form.steps().get(i).showIf(), known)) {
                return i;
            }
        }
        return step;
    }

    /** The step shown before {@code step}; the first step when there is none. */
    int previous(int step, Map<String, List<String>> answers) {
        Answers known = known(answers);
        for (int i = step - 1; i >= 0; i--) {
            if (Conditions.holds(form.steps().get(i).showIf(), known)) {
                return i;
            }
        }
        return 0;
    }

    /** The index of the step that asks {@code question}; the first step for a question the form does not have. */
    int stepOf(String question) {
        for (int i = 0; i < form.steps().size(); i++) {
            if (form.steps().get(i).questions().stream().map(Question::id).anyMatch(question::equals)) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Whether the answers to {@code step} reveal a conditional question of that same step which the page did not
     * ask ({@code asked} lists those it showed) and which is still unanswered: without JavaScript it appears only now.
     */
    boolean revealsQuestion(int step, Map<String, List<String>> answers, String asked) {
        Set<String> alreadyAsked = Set.of(asked.split(","));
        Answers known = known(answers);
        Step current = form.steps().get(step);
        return current.questions().stream()
                .anyMatch(q -> q.showIf() != null
                        && !alreadyAsked.contains(q.id())
                        && Conditions.holds(q.showIf(), known)
                        && answers.getOrDefault(q.id(), List.of()).stream().allMatch(String::isBlank));
    }

    private static Answers known(Map<String, List<String>> answers) {
        return Answers.at(Instant.EPOCH, answers);
    }
}
