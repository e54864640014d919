package io.leadgate.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.Condition;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.Step;
import io.leadgate.leads.AnswerError;
import io.leadgate.leads.AnswerValidator;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Conditions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rendering of a form page: which step is current, what was answered, what was refused, and the token.
 * Every step is in the page; all but the current one are hidden, so the same HTML works with and without JavaScript.
 * Start from {@link #of} and change what differs with the {@code with...} methods.
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
        String action,
        boolean preview,
        String assignment) {

    /** The first step of the form's own page, nothing answered yet. */
    public static FormView of(ValidForm form, String lang, String token) {
        return new FormView(form, lang, 0, Map.of(), Map.of(), token, null, null, null, null, false, null);
    }

    public FormView atStep(int step) {
        return new FormView(
                form, lang, step, answers, errors, token, embedOrigin, referrer, notice, action, preview, assignment);
    }

    public FormView withAnswers(Map<String, List<String>> given) {
        return new FormView(
                form, lang, current, given, errors, token, embedOrigin, referrer, notice, action, preview, assignment);
    }

    /** Refusals by question id, each shown next to its question and in the summary. */
    public FormView withErrors(Map<String, String> refused) {
        return new FormView(
                form,
                lang,
                current,
                answers,
                refused,
                token,
                embedOrigin,
                referrer,
                notice,
                action,
                preview,
                assignment);
    }

    /** The refused answers, each question's first refusal in the view's language. */
    public FormView withRefusals(List<AnswerError> refusals) {
        Map<String, String> byQuestion = new LinkedHashMap<>();
        refusals.stream()
                .filter(error -> error.question() != null)
                .forEach(error -> byQuestion.putIfAbsent(error.question(), error.message(lang)));
        return withErrors(byQuestion);
    }

    public FormView withToken(String issued) {
        return new FormView(
                form,
                lang,
                current,
                answers,
                errors,
                issued,
                embedOrigin,
                referrer,
                notice,
                action,
                preview,
                assignment);
    }

    /** A sentence shown above the questions. */
    public FormView withNotice(String text) {
        return new FormView(
                form, lang, current, answers, errors, token, embedOrigin, referrer, text, action, preview, assignment);
    }

    /** The page runs in an iframe of this allowed origin, which it tells about its progress. */
    public FormView embeddedIn(String origin) {
        return new FormView(
                form, lang, current, answers, errors, token, origin, referrer, notice, action, preview, assignment);
    }

    /** The page the prospect came from, kept as the submission's source. */
    public FormView from(String source) {
        return new FormView(
                form, lang, current, answers, errors, token, embedOrigin, source, notice, action, preview, assignment);
    }

    /** A page that posts somewhere else than the form, such as a follow-up link. */
    public FormView postingTo(String path) {
        return new FormView(
                form, lang, current, answers, errors, token, embedOrigin, referrer, notice, path, preview, assignment);
    }

    /** A back-office preview, which counts nothing in the funnel. */
    public FormView asPreview(boolean isPreview) {
        return new FormView(
                form,
                lang,
                current,
                answers,
                errors,
                token,
                embedOrigin,
                referrer,
                notice,
                action,
                isPreview,
                assignment);
    }

    /** The signed note of the experiment's variant this page shows, which the visitor's browser keeps. */
    public FormView withAssignment(String signed) {
        return new FormView(
                form, lang, current, answers, errors, token, embedOrigin, referrer, notice, action, preview, signed);
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
    public record StepView(int index, Step step, boolean shown, boolean current) {

        /** The step's 1-based number among all of the form's steps, as the page writes it. */
        public String number() {
            return String.valueOf(index + 1);
        }
    }

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

    /** "Step 2 of 3" as the page writes it: the position and the number of steps shown, in words of digits. */
    public String progressPosition() {
        return String.valueOf(position());
    }

    public String progressTotal() {
        return String.valueOf(shownSteps());
    }

    public String stepCount() {
        return String.valueOf(definition().steps().size());
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

    /** The longest answer the page lets a text question take, as the server will. */
    public int maxLength(Question question) {
        return AnswerValidator.maxLength(question);
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
