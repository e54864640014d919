package io.leadgate.forms.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** A whole questionnaire as its YAML file declares it. */
public record FormDefinition(
        String id,
        String version,
        Text title,
        Text description,
        List<String> languages,
        Theme theme,
        Map<String, Dimension> dimensions,
        Map<String, Integer> grades,
        List<Step> steps,
        Map<String, Knockout> knockouts,
        @JsonProperty("outcomes") VerdictRules verdicts,
        Routing routing,
        NurturePlan nurture,
        Embed embed,

        @JsonDeserialize(using = IsoDuration.Deserializer.class)
        Duration retention,

        Boolean verifyEmail,
        ApiAccess api,
        List<FeedbackReason> feedbackReasons) {

    public FormDefinition {
        languages = languages == null || languages.isEmpty() ? List.of("en") : List.copyOf(languages);
        theme = theme == null ? Theme.DEFAULT : theme;
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        grades = grades == null ? Map.of() : Map.copyOf(grades);
        steps = List.copyOf(steps);
        knockouts = knockouts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(knockouts));
        routing = routing == null ? Routing.NONE : routing;
        nurture = nurture == null ? NurturePlan.NONE : nurture;
        embed = embed == null ? Embed.NONE : embed;
        verifyEmail = verifyEmail != null && verifyEmail;
        api = api == null ? ApiAccess.OPEN : api;
        feedbackReasons = feedbackReasons == null ? null : List.copyOf(feedbackReasons);
    }

    /** The same form asking just this one step, without its description (a follow-up page). */
    public FormDefinition withOnlyStep(Step step) {
        return new FormDefinition(
                id,
                version,
                title,
                null,
                languages,
                theme,
                dimensions,
                grades,
                List.of(step),
                knockouts,
                verdicts,
                routing,
                nurture,
                embed,
                retention,
                verifyEmail,
                api,
                feedbackReasons);
    }

    /** The reasons sales may give for "Not a fit": the form's own, or {@link FeedbackReason#DEFAULTS}. */
    public List<FeedbackReason> notAFitReasons() {
        return feedbackReasons == null || feedbackReasons.isEmpty() ? FeedbackReason.DEFAULTS : feedbackReasons;
    }

    /** Whether every submission waits for the prospect to confirm the email address (double opt-in). */
    public boolean holdsUntilVerified() {
        return verifyEmail;
    }

    public String defaultLanguage() {
        return languages.getFirst();
    }

    /** Every question in the order a prospect meets it. */
    public Stream<Question> questions() {
        return steps.stream().flatMap(step -> step.questions().stream());
    }

    /** Each question's label in this language by question id, in form order; the id where a question has none. */
    public Map<String, String> labels(String language) {
        Map<String, String> labels = new LinkedHashMap<>();
        questions()
                .forEach(q -> labels.put(
                        q.id(), q.label() == null ? q.id() : q.label().in(language)));
        return labels;
    }

    /**
     * An answer as the prospect saw it: an option's label in that language, a rating as "5 of 5, Top priority";
     * anything else (a typed number or text, or a code this version no longer has) as given.
     */
    public String answerLabel(String questionId, String value, String language) {
        Question question = question(questionId).orElse(null);
        if (question == null || value == null) {
            return value;
        }
        String lang = language != null && languages.contains(language) ? language : defaultLanguage();
        for (Option option : question.options()) {
            if (option.value().equals(value)) {
                return option.label() == null ? value : option.label().in(lang);
            }
        }
        Scale scale = question.scale();
        if (question.type() == QuestionType.RATING && scale != null && value.matches("-?\\d{1,9}")) {
            int point = Integer.parseInt(value);
            Text end = point == scale.max() ? scale.maxLabel() : point == scale.min() ? scale.minLabel() : null;
            return point + " of " + scale.max() + (end == null ? "" : ", " + end.in(lang));
        }
        return value;
    }

    public Optional<Question> question(String questionId) {
        return questions().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /** The email question that identifies the lead; the validator makes sure a served form has exactly one. */
    public Question emailQuestion() {
        return questions()
                .filter(q -> q.type() == QuestionType.EMAIL)
                .findFirst()
                .orElseThrow();
    }

    /** The address given to the email question, if any was given. */
    public Optional<String> emailIn(Map<String, List<String>> answers) {
        List<String> given = answers.getOrDefault(emailQuestion().id(), List.of());
        return given.isEmpty() ? Optional.empty() : Optional.ofNullable(given.getFirst());
    }
}
