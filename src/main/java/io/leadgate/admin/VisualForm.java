package io.leadgate.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A form's YAML as the visual view shows it: the texts, points and thresholds a marketer edits, each named by the JSON
 * pointer of the value it changes in the document.
 */
record VisualForm(
        List<String> languages, List<String> dimensions, Field qualifiedMin, Field nurtureMin, List<VisualStep> steps) {

    /** One editable value: where it is in the document, which language it is (if any), and what it holds. */
    record Field(String pointer, String language, String value) {
        /** The form field's name: the pointer, which the edit applies to. */
        public String name() {
            return "set:" + pointer;
        }

        /** An id safe for HTML, from the pointer. */
        public String htmlId() {
            return "f" + pointer.replaceAll("[^A-Za-z0-9]", "-");
        }
    }

    record VisualStep(int index, String pointer, String id, List<Field> title, List<VisualQuestion> questions) {}

    record VisualQuestion(
            String pointer,
            String id,
            String type,
            List<Field> label,
            boolean required,
            List<VisualOption> options,
            boolean first,
            boolean last) {}

    record VisualOption(String pointer, String value, List<Field> label, List<Field> points) {}

    static VisualForm of(JsonNode root) {
        List<String> languages = new ArrayList<>();
        root.path("languages").forEach(l -> languages.add(l.asText()));
        if (languages.isEmpty()) {
            languages.add("en");
        }
        List<String> dimensions = new ArrayList<>();
        root.path("dimensions").fieldNames().forEachRemaining(dimensions::add);
        List<VisualStep> steps = new ArrayList<>();
        JsonNode stepNodes = root.path("steps");
        for (int s = 0; s < stepNodes.size(); s++) {
            JsonNode step = stepNodes.get(s);
            String stepPointer = "/steps/" + s;
            List<VisualQuestion> questions = new ArrayList<>();
            JsonNode questionNodes = step.path("questions");
            for (int q = 0; q < questionNodes.size(); q++) {
                JsonNode question = questionNodes.get(q);
                String pointer = stepPointer + "/questions/" + q;
                List<VisualOption> options = new ArrayList<>();
                JsonNode optionNodes = question.path("options");
                for (int o = 0; o < optionNodes.size(); o++) {
                    JsonNode option = optionNodes.get(o);
                    String optionPointer = pointer + "/options/" + o;
                    List<Field> points = new ArrayList<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it =
                                    option.path("points").fields();
                            it.hasNext(); ) {
                        Map.Entry<String, JsonNode> entry = it.next();
                        points.add(new Field(
                                optionPointer + "/points/" + entry.getKey(),
                                entry.getKey(),
                                entry.getValue().asText()));
                    }
                    options.add(new VisualOption(
                            optionPointer,
                            option.path("value").asText(),
                            texts(option.path("label"), optionPointer + "/label", languages),
                            points));
                }
                questions.add(new VisualQuestion(
                        pointer,
                        question.path("id").asText(),
                        question.path("type").asText(),
                        texts(question.path("label"), pointer + "/label", languages),
                        question.path("required").asBoolean(false),
                        options,
                        q == 0,
                        q == questionNodes.size() - 1));
            }
            steps.add(new VisualStep(
                    s,
                    stepPointer,
                    step.path("id").asText(),
                    step.has("title") ? texts(step.path("title"), stepPointer + "/title", languages) : List.of(),
                    questions));
        }
        return new VisualForm(
                languages,
                dimensions,
                number(root.at("/outcomes/qualified/min"), "/outcomes/qualified/min"),
                number(root.at("/outcomes/nurture/min"), "/outcomes/nurture/min"),
                steps);
    }

    /** A text as one field, or one field per language it is written in. */
    private static List<Field> texts(JsonNode text, String pointer, List<String> languages) {
        if (text.isTextual()) {
            return List.of(new Field(pointer, null, text.asText()));
        }
        List<Field> fields = new ArrayList<>();
        for (String language : languages) {
            if (text.has(language)) {
                fields.add(new Field(
                        pointer + "/" + language, language, text.get(language).asText()));
            }
        }
        return fields;
    }

    private static Field number(JsonNode node, String pointer) {
        return node.isNumber() ? new Field(pointer, null, node.asText()) : null;
    }
}
