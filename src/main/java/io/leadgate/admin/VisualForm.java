package io.leadgate.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A form's YAML as the visual view shows it: every value a marketer edits, named by the JSON pointer it changes in
 * the document, one input per declared language for texts, and the validator's problems placed beside the nearest one.
 */
record VisualForm(
        List<String> languages,
        Field languageList,
        List<String> dimensions,
        Field qualifiedMin,
        Field nurtureMin,
        List<VisualOutcome> outcomes,
        List<VisualKnockout> knockouts,
        List<String> knockoutCodes,
        Field newKnockout,
        List<VisualStep> steps,
        Field newStep,
        List<Problem> problems) {

    /** One input: its form field name, HTML id, visible label, language (null when it has none) and value. */
    record Input(String name, String id, String label, String language, String value) {}

    /** Inputs that edit one value, and the validator's messages about it (filled in once the form is built). */
    record Field(String pointer, String label, List<Input> inputs, Notes notes) {
        public Input first() {
            return inputs.getFirst();
        }
    }

    /** The validator's messages placed at one field or group; {@code id} lets the inputs point at them. */
    record Notes(String id, String target, List<String> messages) {}

    /** One problem of the draft: where the visual view shows it (null if it cannot), and what it says. */
    record Problem(String target, int line, String message) {}

    /** A problem as the resource hands it over: the pointer it is about (null if unknown), its line and its words. */
    record Placed(String pointer, int line, String message) {}

    record VisualOutcome(String key, String heading, Field title, Field message) {}

    record VisualKnockout(String code, Field reason, String routeName, String route) {}

    record VisualStep(
            int index,
            String pointer,
            String id,
            Field title,
            List<VisualQuestion> questions,
            boolean first,
            boolean last,
            boolean only,
            Notes notes,
            Notes questionNotes) {}

    record VisualQuestion(
            String pointer,
            String key,
            String id,
            String type,
            boolean required,
            Field label,
            Field help,
            ShowIf showIf,
            List<VisualOption> options,
            boolean choices,
            List<VisualRange> ranges,
            boolean numeric,
            boolean first,
            boolean last,
            Notes notes) {}

    record VisualOption(String pointer, String key, String value, Field label, List<Field> points, String knockout) {}

    record VisualRange(String pointer, String key, int number, Field min, Field max, List<Field> points) {}

    /**
     * A question's show-if as two choices: the earlier question it depends on, and which of its answers show it. A
     * condition the view cannot show that way ({@code all}, {@code min}...) is only described.
     */
    record ShowIf(String described, List<Choice> questions, List<Choice> answers, String dependsOn, Notes notes) {}

    record Choice(String value, String label, boolean selected, String id) {}

    static VisualForm of(JsonNode root, List<Placed> problems) {
        return new Builder(root).build(problems);
    }

    /** An id safe for HTML, from a pointer. */
    static String htmlId(String pointer) {
        return "f" + pointer.replaceAll("[^A-Za-z0-9]", "-");
    }

    /** Builds the view and keeps every place a problem can be shown, by pointer. */
    private static final class Builder {
        private final JsonNode root;
        private final List<String> languages = new ArrayList<>();
        private final List<String> dimensions = new ArrayList<>();
        private final Map<String, Notes> places = new LinkedHashMap<>();
        private final List<Choice> earlier = new ArrayList<>();
        private final Map<String, JsonNode> questionsById = new LinkedHashMap<>();

        Builder(JsonNode root) {
            this.root = root;
            root.path("languages").forEach(l -> languages.add(l.asText()));
            if (languages.isEmpty()) {
                languages.add("en");
            }
            root.path("dimensions").fieldNames().forEachRemaining(dimensions::add);
        }

        VisualForm build(List<Placed> placed) {
            Field languageList = field(
                    "/languages",
                    "Languages",
                    List.of(new Input(
                            "languages",
                            "languages",
                            "Languages (codes such as en or de; the first is the default)",
                            null,
                            String.join(", ", languages))));
            Field qualified = number("/outcomes/qualified/min", "Qualified from score");
            Field nurture = number("/outcomes/nurture/min", "Nurtured from score (below: disqualified)");
            List<VisualOutcome> outcomes = List.of(
                    outcome("qualified", "Qualified leads see"),
                    outcome("nurture", "Nurtured leads see"),
                    outcome("disqualified", "Disqualified leads see"));
            List<VisualKnockout> knockouts = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            root.path("knockouts").fields().forEachRemaining(entry -> {
                codes.add(entry.getKey());
                knockouts.add(knockout(entry.getKey(), entry.getValue()));
            });
            Field newKnockout = texts("/knockouts/-", "Reason sales read", "new-knockout");
            places.put("/knockouts", newKnockout.notes());
            List<VisualStep> steps = new ArrayList<>();
            JsonNode stepNodes = root.path("steps");
            for (int s = 0; s < stepNodes.size(); s++) {
                steps.add(step(s, stepNodes.get(s), stepNodes.size()));
            }
            Field newStep = texts("/steps/-", "Title of the new step", "new-step");
            List<Problem> problems = new ArrayList<>();
            for (Placed problem : placed) {
                Notes notes = nearest(problem.pointer());
                if (notes != null) {
                    notes.messages().add(problem.message());
                }
                problems.add(new Problem(notes == null ? null : notes.target(), problem.line(), problem.message()));
            }
            return new VisualForm(
                    List.copyOf(languages),
                    languageList,
                    List.copyOf(dimensions),
                    qualified,
                    nurture,
                    outcomes,
                    knockouts,
                    codes,
                    newKnockout,
                    steps,
                    newStep,
                    problems);
        }

        private Notes nearest(String pointer) {
            for (String p = pointer; p != null && !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
                if (places.containsKey(p)) {
                    return places.get(p);
                }
            }
            return null;
        }

        private VisualOutcome outcome(String key, String heading) {
            String pointer = "/outcomes/" + key + "/thank-you";
            return new VisualOutcome(
                    key,
                    heading,
                    texts(pointer + "/title", "Thank-you title"),
                    texts(pointer + "/message", "Thank-you message"));
        }

        private VisualKnockout knockout(String code, JsonNode value) {
            boolean routed = value.isObject() && (value.has("reason") || value.has("route") || value.has("sequence"));
            String pointer = "/knockouts/" + code;
            Field reason = texts(routed ? pointer + "/reason" : pointer, "Reason sales read for " + code);
            places.put(pointer, reason.notes());
            return new VisualKnockout(
                    code,
                    reason,
                    "route:" + pointer,
                    routed ? value.path("route").asText("disqualified") : "disqualified");
        }

        private VisualStep step(int s, JsonNode step, int count) {
            String pointer = "/steps/" + s;
            Notes notes = notes(pointer, htmlId(pointer));
            places.put(pointer, notes);
            Field title = texts(pointer + "/title", "Step title");
            List<VisualQuestion> questions = new ArrayList<>();
            JsonNode questionNodes = step.path("questions");
            for (int q = 0; q < questionNodes.size(); q++) {
                questions.add(question(pointer + "/questions/" + q, questionNodes.get(q), q, questionNodes.size()));
            }
            Notes questionNotes = notes(pointer + "/questions", "new-label-" + s);
            places.put(pointer + "/questions", questionNotes);
            return new VisualStep(
                    s,
                    pointer,
                    step.path("id").asText(),
                    title,
                    questions,
                    s == 0,
                    s == count - 1,
                    count == 1,
                    notes,
                    questionNotes);
        }

        private VisualQuestion question(String pointer, JsonNode question, int q, int count) {
            String id = question.path("id").asText();
            String type = question.path("type").asText();
            Notes notes = notes(pointer, htmlId(pointer));
            places.put(pointer, notes);
            Field label = texts(pointer + "/label", "Question");
            Field help = texts(pointer + "/help", "Help text (optional)");
            ShowIf showIf = showIf(pointer, question.path("show-if"));
            List<VisualOption> options = new ArrayList<>();
            JsonNode optionNodes = question.path("options");
            for (int o = 0; o < optionNodes.size(); o++) {
                options.add(option(pointer + "/options/" + o, optionNodes.get(o)));
            }
            boolean numeric = type.equals("number") || type.equals("rating");
            List<VisualRange> ranges = new ArrayList<>();
            JsonNode rangeNodes = question.path("ranges");
            for (int r = 0; r < rangeNodes.size(); r++) {
                ranges.add(range(pointer + "/ranges/" + r, r));
            }
            earlier.add(new Choice(id, id + ": " + text(question.path("label")), false, null));
            questionsById.put(id, question);
            return new VisualQuestion(
                    pointer,
                    htmlId(pointer),
                    id,
                    type,
                    question.path("required").asBoolean(false),
                    label,
                    help,
                    showIf,
                    options,
                    optionNodes.size() > 0
                            || type.equals("single")
                            || type.equals("multiple")
                            || type.equals("dropdown"),
                    ranges,
                    numeric || !ranges.isEmpty(),
                    q == 0,
                    q == count - 1,
                    notes);
        }

        private ShowIf showIf(String questionPointer, JsonNode condition) {
            String pointer = questionPointer + "/show-if";
            Notes notes = notes(pointer, htmlId(pointer));
            places.put(pointer, notes);
            if (!condition.isMissingNode() && !VisualEdits.simpleCondition(condition)) {
                return new ShowIf(condition.toString(), List.of(), List.of(), null, notes);
            }
            String dependsOn = condition.path("question").asText(null);
            List<Choice> questions = new ArrayList<>();
            for (Choice choice : earlier) {
                questions.add(new Choice(
                        choice.value(), choice.label(), choice.value().equals(dependsOn), null));
            }
            List<String> chosen = VisualEdits.answersOf(condition);
            List<Choice> answers = new ArrayList<>();
            JsonNode depended = dependsOn == null ? null : questionsById.get(dependsOn);
            if (depended != null) {
                for (JsonNode option : depended.path("options")) {
                    String value = option.path("value").asText();
                    answers.add(new Choice(
                            value, text(option.path("label")), chosen.contains(value), htmlId(pointer + "/" + value)));
                }
            }
            return new ShowIf(null, questions, answers, dependsOn, notes);
        }

        private VisualOption option(String pointer, JsonNode option) {
            String value = option.path("value").asText();
            List<Field> points = new ArrayList<>();
            for (String dimension : dimensions) {
                points.add(number(pointer + "/points/" + dimension, dimension + " points"));
            }
            Field label = texts(pointer + "/label", "Label of " + value);
            places.put(pointer, label.notes());
            return new VisualOption(
                    pointer,
                    htmlId(pointer),
                    value,
                    label,
                    points,
                    option.path("knockout").asText(""));
        }

        private VisualRange range(String pointer, int r) {
            List<Field> points = new ArrayList<>();
            for (String dimension : dimensions) {
                points.add(number(pointer + "/points/" + dimension, dimension + " points"));
            }
            Field min = number(pointer + "/min", "From (inclusive)");
            places.put(pointer, min.notes());
            return new VisualRange(pointer, htmlId(pointer), r + 1, min, number(pointer + "/max", "Below"), points);
        }

        /** A text as one input per declared language; a plain string fills the default language's input. */
        private Field texts(String pointer, String label) {
            return texts(pointer, label, null);
        }

        private Field texts(String pointer, String label, String idPrefix) {
            JsonNode node = root.at(pointer);
            List<Input> inputs = new ArrayList<>();
            for (String language : languages) {
                String value = node.isTextual()
                        ? (language.equals(languages.getFirst()) ? node.asText() : "")
                        : node.path(language).asText("");
                String id = idPrefix != null ? idPrefix + "-" + language : htmlId(pointer + "/" + language);
                String name = idPrefix != null ? idPrefix + "@" + language : "text:" + pointer + "@" + language;
                inputs.add(new Input(
                        name, id, languages.size() > 1 ? label + " (" + language + ")" : label, language, value));
            }
            return field(pointer, label, inputs);
        }

        private Field number(String pointer, String label) {
            JsonNode node = root.at(pointer);
            String value = node.isValueNode() ? node.asText() : "";
            return field(pointer, label, List.of(new Input("num:" + pointer, htmlId(pointer), label, null, value)));
        }

        private Field field(String pointer, String label, List<Input> inputs) {
            Notes notes = notes(pointer, inputs.getFirst().id());
            places.put(pointer, notes);
            return new Field(pointer, label, inputs, notes);
        }

        private Notes notes(String pointer, String target) {
            return new Notes("problem" + htmlId(pointer), target, new ArrayList<>());
        }

        private String text(JsonNode text) {
            return text.isTextual()
                    ? text.asText()
                    : text.path(languages.getFirst()).asText(text.toString());
        }
    }
}
