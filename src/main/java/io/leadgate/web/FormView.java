package io.leadgate.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.Condition;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.Step;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Conditions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One rendering of a form page: which step is current, what was answered, what was refused, and the token.
 * Every step is in the page; all but the current one are hidden, so the same HTML works with and without JavaScript.
 */
public record FormView(
        ValidForm form,
        String lang,
        int current,
        Map<String, List<String>> answers,
        Map<String, String> errors,
        String token,
        String embedOrigin,
        String referrer,
        String notice,
        UiText text,
        String action,
        boolean preview) {

    /** A view of the form's own page, which posts to {@code /f/{id}}. */
    public FormView(
            ValidForm form,
            String lang,
            int current,
            Map<String, List<String>> answers,
            Map<String, String> errors,
            String token,
            String embedOrigin,
            String referrer,
            String notice,
            UiText text) {
        this(form, lang, current, answers, errors, token, embedOrigin, referrer, notice, text, null, false);
    }

    /** Where the page posts: the form itself, or a follow-up link. */
    public String formAction() {
        return action != null ? action : "/f/" + form.id();
    }

    /** A follow-up page or a back-office preview keeps no draft and counts nothing in the form's funnel. */
    public boolean isUncounted() {
        return preview || action != null;
    }

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** One step and whether it is shown at all, given the answers so far. */
    public record StepView(int index, Step step, boolean shown, boolean current) {}

    public FormDefinition definition() {
        return form.definition();
    }

    public List<StepView> steps() {
        List<StepView> steps = new ArrayList<>();
        for (int i = 0; i < definition().steps().size(); i++) {
            Step step = definition().steps().get(i);
            steps.add(new StepView(i, step, Conditions.holds(step.showIf(), known()), i == current));
        }
        return steps;
    }

    /** 1-based position of the current step among the steps shown. */
    public int position() {
        return (int)
                steps().stream().filter(s -> s.shown() && s.index() <= current).count();
    }

    public int shownSteps() {
        return (int) steps().stream().filter(StepView::shown).count();
    }

    public boolean isLastStep() {
        return steps().stream().noneMatch(s -> s.shown() && s.index() > current);
    }

    public boolean isFirstStep() {
        return steps().stream().noneMatch(s -> s.shown() && s.index() < current);
    }

    /** Whether a question is shown now; a question of the current step stays shown once it was, for no-JS users. */
    public boolean shows(Question question) {
        return Conditions.holds(question.showIf(), known());
    }

    /** The conditional questions of the current step that this page shows, so the server knows they were asked. */
    public String asked() {
        return String.join(
                ",",
                definition().steps().get(current).questions().stream()
                        .filter(q -> q.showIf() != null && shows(q))
                        .map(Question::id)
                        .toList());
    }

    public String value(String question) {
        List<String> values = answers.get(question);
        return values == null || values.isEmpty() ? "" : values.getFirst();
    }

    public boolean has(String question, String value) {
        List<String> values = answers.get(question);
        return values != null && values.contains(value);
    }

    public boolean hasValue(String question, Integer value) {
        return has(question, String.valueOf(value));
    }

    public String error(String question) {
        return errors.get(question);
    }

    public boolean hasError(String question) {
        return errors.containsKey(question);
    }

    /** The condition as JSON for the browser, which applies the same rules as the server. */
    public String conditionJson(Condition condition) {
        try {
            return condition == null ? "" : JSON.writeValueAsString(condition);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Map.Entry<String, String>> errorList() {
        return new ArrayList<>(errors.entrySet());
    }

    public String labelOf(String question) {
        return definition()
                .question(question)
                .map(q -> q.label() == null ? q.id() : q.label().in(lang))
                .orElse(question);
    }

    private Answers known() {
        return Answers.at(Instant.EPOCH, answers);
    }
}
