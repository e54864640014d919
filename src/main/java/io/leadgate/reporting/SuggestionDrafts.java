package io.leadgate.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormProblem;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.FormStudio;
import io.leadgate.forms.YamlEdits;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a report's suggested points into the form's draft: the published version with each suggested answer's points
 * changed in its YAML, comments and layout kept, for the marketer to backtest and edit before publishing. A draft in
 * progress (one that differs from the published version) is replaced only when asked to; a save by someone else in
 * between is refused as in the studio.
 */
@ApplicationScoped
public class SuggestionDrafts {

    /** One answer's points in one dimension, as the draft had them ({@code from}) and as the suggestion sets them. */
    public record Change(
            String questionId,
            String question,
            String answer,
            String answerLabel,
            String dimension,
            int from,
            int to) {}

    /** The draft written: its revision, the changes made, and what stands between it and publishing. */
    public record Written(int revision, List<Change> changes, List<FormProblem> problems) {}

    /** The report suggests no change of points for this period: there is nothing to write. */
    public static final class NothingToSuggest extends RuntimeException {
        NothingToSuggest() {
            super(
                    "The report suggests no change of points for this period: answers need at least "
                            + AnswerInsights.MIN_CLOSED
                            + " closed deals and a win rate a quarter above or below the average.",
                    null,
                    false,
                    false);
        }
    }

    private final Reports reports;
    private final FormStore store;
    private final FormStudio studio;

    SuggestionDrafts(Reports reports, FormStore store, FormStudio studio) {
        this.reports = reports;
        this.store = store;
        this.studio = studio;
    }

    /** The answers whose points the report suggests changing, with their new points per dimension. */
    public static List<Report.AnswerInsight> suggested(Report report) {
        return report.questions().stream()
                .flatMap(q -> q.answers().stream())
                .filter(a -> !a.pointChanges().isEmpty())
                .toList();
    }

    /** Whether the form has a draft in progress: saved, and different from its published version. */
    public boolean hasDraftInProgress(String formId) {
        Optional<FormStore.Draft> draft = store.draft(Kind.FORM, formId);
        return draft.isPresent()
                && draft.get().content() != null
                && !draft.get().content().equals(store.latest(Kind.FORM, formId).orElse(null));
    }

    /**
     * Writes the suggestions of the form's report for the period (and version, when given) into its draft, starting
     * from the published version. Refuses (as a {@link FormStore.Refusal}) an unknown or file-managed form and, unless
     * {@code replace}, a draft in progress; throws {@link NothingToSuggest} when no answer's points would change.
     */
    public Written write(String formId, LocalDate from, LocalDate to, String version, boolean replace, String actor) {
        Report report = reports.of(formId, from, to, version)
                .orElseThrow(() -> new FormStore.Refusal(404, "There is no valid form called '" + formId + "'."));
        FormStore.Draft draft = store.draft(Kind.FORM, formId)
                .orElseThrow(() -> new FormStore.Refusal(404, "There is no form called '" + formId + "'."));
        if (draft.managedInFile() != null) {
            throw new FormStore.Refusal(
                    409,
                    "The file " + draft.managedInFile() + " manages this form, so it has no draft: copy it into the"
                            + " studio and its report's suggestions can become a draft there.");
        }
        String published = store.latest(Kind.FORM, formId)
                .orElseThrow(() -> new FormStore.Refusal(409, "The form is not published yet; there is no report."));
        if (!replace && draft.content() != null && !draft.content().equals(published)) {
            throw new FormStore.Refusal(
                    409,
                    "This form has a draft in progress (saved by " + draft.savedBy()
                            + "). Replace it with the published version and these suggestions, or apply them by hand"
                            + " in the studio.");
        }
        List<Change> changes = new ArrayList<>();
        String text;
        try {
            text = apply(published, report, changes);
        } catch (YamlEdits.Unsupported e) {
            throw new FormStore.Refusal(
                    422,
                    "The suggestions could not be written into this form's YAML (" + e.getMessage()
                            + "); change the points by hand in the studio.");
        }
        if (changes.isEmpty()) {
            throw new NothingToSuggest();
        }
        FormStudio.Saved saved =
                studio.saveDraft(Kind.FORM, formId, text.getBytes(StandardCharsets.UTF_8), draft.revision(), actor);
        return new Written(saved.revision(), List.copyOf(changes), saved.problems());
    }

    /** The text with every suggested change of points made, each one made also listed in {@code changes}. */
    private static String apply(String published, Report report, List<Change> changes) {
        String text = published;
        for (Report.QuestionInsight question : report.questions()) {
            for (Report.AnswerInsight answer : question.answers()) {
                if (answer.pointChanges().isEmpty()) {
                    continue;
                }
                Optional<String> item = find(YamlEdits.of(text).tree(), question.questionId(), answer.value());
                if (item.isEmpty()) {
                    continue;
                }
                for (Map.Entry<String, Integer> points : answer.pointChanges().entrySet()) {
                    JsonNode was = YamlEdits.of(text).tree().at(item.get() + "/points/" + points.getKey());
                    int before = was.isNumber() ? was.asInt() : 0;
                    if (before == points.getValue()) {
                        continue;
                    }
                    text = setPoints(text, item.get(), points.getKey(), points.getValue());
                    changes.add(new Change(
                            question.questionId(),
                            question.label(),
                            answer.value(),
                            answer.label(),
                            points.getKey(),
                            before,
                            points.getValue()));
                }
            }
        }
        return text;
    }

    /**
     * The pointer of the option (by its value) or range (by its bounds, {@code min..max}) of a question in the YAML
     * tree; empty when the published version no longer has it.
     */
    static Optional<String> find(JsonNode root, String questionId, String value) {
        JsonNode steps = root.path("steps");
        for (int s = 0; s < steps.size(); s++) {
            JsonNode questions = steps.get(s).path("questions");
            for (int q = 0; q < questions.size(); q++) {
                JsonNode question = questions.get(q);
                if (!questionId.equals(question.path("id").asText())) {
                    continue;
                }
                String at = "/steps/" + s + "/questions/" + q;
                JsonNode options = question.path("options");
                for (int o = 0; o < options.size(); o++) {
                    if (value.equals(options.get(o).path("value").asText())) {
                        return Optional.of(at + "/options/" + o);
                    }
                }
                JsonNode ranges = question.path("ranges");
                for (int r = 0; r < ranges.size(); r++) {
                    JsonNode range = ranges.get(r);
                    if (value.equals(bound(range.path("min")) + ".." + bound(range.path("max")))) {
                        return Optional.of(at + "/ranges/" + r);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A range's bound written as the report writes it: a whole number without decimals, an open end as nothing. */
    private static String bound(JsonNode value) {
        if (!value.isNumber()) {
            return "";
        }
        double number = value.asDouble();
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }

    /** Sets the answer's points in one dimension, adding the dimension or the whole {@code points} map if missing. */
    private static String setPoints(String text, String item, String dimension, int value) {
        YamlEdits edits = YamlEdits.of(text);
        JsonNode points = edits.tree().at(item + "/points");
        if (points.isObject()) {
            return edits.put(item + "/points/" + dimension, String.valueOf(value));
        }
        if (!points.isMissingNode() && !points.isNull()) {
            throw new FormStore.Refusal(
                    422, "The points at " + item + " are not written as a mapping; change them by hand in the studio.");
        }
        return edits.put(item + "/points", YamlEdits.flowMap(Map.of(dimension, String.valueOf(value))), "label");
    }
}
