package io.leadgate.admin;

import io.leadgate.forms.YamlEdits;
import jakarta.ws.rs.core.MultivaluedMap;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one structural change a button of the visual view asks for ({@code op} is {@code action:pointer}): steps,
 * questions, answers, ranges and knockout reasons added, moved or deleted as whole items of the draft's YAML text.
 */
final class VisualActions {

    private static final Pattern STEP = Pattern.compile("/steps/[0-9]+");
    private static final Pattern QUESTION = Pattern.compile("/steps/[0-9]+/questions/[0-9]+");
    private static final Pattern OPTION = Pattern.compile("/steps/[0-9]+/questions/[0-9]+/options/[0-9]+");
    private static final Pattern RANGE = Pattern.compile("/steps/[0-9]+/questions/[0-9]+/ranges/[0-9]+");

    private VisualActions() {}

    static String apply(String text, MultivaluedMap<String, String> fields) {
        String op = String.valueOf(fields.getFirst("op"));
        int colon = op.indexOf(':');
        String action = colon < 0 ? op : op.substring(0, colon);
        String pointer = colon < 0 ? "" : op.substring(colon + 1);
        YamlEdits edits = YamlEdits.of(text);
        return switch (action) {
            case "up", "down" -> edits.moveItem(match(QUESTION, pointer), "up".equals(action));
            case "delete" -> deleteQuestion(edits, match(QUESTION, pointer));
            case "add" -> addQuestion(edits, match(STEP, pointer), fields);
            case "step-up", "step-down" -> edits.moveItem(match(STEP, pointer), "step-up".equals(action));
            case "step-delete" -> deleteStep(edits, match(STEP, pointer), fields);
            case "add-step" -> addStep(edits, fields);
            case "add-option" -> addOption(edits, match(QUESTION, pointer), fields);
            case "delete-option" -> deleteOption(edits, match(OPTION, pointer));
            case "add-range" -> addRange(edits, match(QUESTION, pointer), fields);
            case "delete-range" -> edits.removeItem(match(RANGE, pointer));
            case "add-knockout" -> addKnockout(edits, fields);
            default -> text;
        };
    }

    private static String deleteQuestion(YamlEdits edits, String question) {
        if (edits.tree().at(parent(question)).size() < 2) {
            throw new IllegalArgumentException("a step keeps at least one question; delete the step instead");
        }
        return edits.removeItem(question);
    }

    private static String deleteStep(YamlEdits edits, String step, MultivaluedMap<String, String> fields) {
        if (edits.tree().path("steps").size() < 2) {
            throw new IllegalArgumentException("a form keeps at least one step");
        }
        int questions = edits.tree().at(step + "/questions").size();
        if (questions > 0 && fields.getFirst("confirm-delete:" + step) == null) {
            String id = edits.tree().at(step + "/id").asText();
            throw new IllegalArgumentException("step " + id + " has " + questions + " question(s); tick 'Delete the "
                    + questions + " question(s) of step " + id + " too' to delete it with them");
        }
        return edits.removeItem(step);
    }

    private static String addStep(YamlEdits edits, MultivaluedMap<String, String> fields) {
        List<String> languages = VisualEdits.languagesOf(edits.tree());
        Map<String, String> title = posted(fields, "new-step@", languages);
        if (title.isEmpty()) {
            throw new IllegalArgumentException("give the new step a title");
        }
        Set<String> ids = new HashSet<>();
        edits.tree().path("steps").forEach(s -> ids.add(s.path("id").asText()));
        String wanted = String.valueOf(fields.getFirst("new-step-id")).strip();
        String id = unique(
                slug(
                        wanted.isEmpty() || wanted.equals("null")
                                ? title.values().iterator().next()
                                : wanted),
                ids);
        return edits.appendItem(
                "/steps", List.of("- id: " + id, "title: " + VisualEdits.textValue(title, languages), "questions: []"));
    }

    private static String addQuestion(YamlEdits edits, String step, MultivaluedMap<String, String> fields) {
        String suffix = step.substring("/steps/".length());
        String label = String.valueOf(fields.getFirst("new-label-" + suffix)).strip();
        if (label.isEmpty() || label.equals("null")) {
            throw new IllegalArgumentException("give the new question a label");
        }
        String type = "multiple".equals(fields.getFirst("new-type-" + suffix)) ? "multiple" : "single";
        String dimension = String.valueOf(fields.getFirst("new-dimension-" + suffix));
        if (!edits.tree().path("dimensions").has(dimension)) {
            throw new IllegalArgumentException("pick a dimension the form has");
        }
        Set<String> ids = new HashSet<>();
        edits.tree()
                .path("steps")
                .forEach(s ->
                        s.path("questions").forEach(q -> ids.add(q.path("id").asText())));
        List<String> lines = new ArrayList<>();
        lines.add("- id: " + unique(slug(label), ids));
        lines.add("type: " + type);
        lines.add("label: " + YamlEdits.literal(label));
        String help = String.valueOf(fields.getFirst("new-help-" + suffix)).strip();
        if (!help.isEmpty() && !help.equals("null")) {
            lines.add("help: " + YamlEdits.literal(help));
        }
        if (fields.getFirst("new-required-" + suffix) != null) {
            lines.add("required: true");
        }
        lines.add("options:");
        Set<String> values = new HashSet<>();
        for (String line :
                String.valueOf(fields.getFirst("new-options-" + suffix)).split("\\R")) {
            if (line.isBlank() || line.equals("null")) {
                continue;
            }
            int equals = line.lastIndexOf('=');
            String optionLabel = (equals < 0 ? line : line.substring(0, equals)).strip();
            String points = equals < 0 ? "0" : line.substring(equals + 1).strip();
            if (optionLabel.isEmpty() || !VisualEdits.INTEGER.matcher(points).matches()) {
                throw new IllegalArgumentException("write each answer as 'Label = points', like 'This month = 30'");
            }
            lines.add("  - {value: " + unique(slug(optionLabel), values) + ", label: " + YamlEdits.literal(optionLabel)
                    + ", points: {" + dimension + ": " + points + "}}");
        }
        if (values.size() < 2) {
            throw new IllegalArgumentException("a choice needs at least two answers, one per line");
        }
        return edits.appendItem(step + "/questions", lines);
    }

    private static String addOption(YamlEdits edits, String question, MultivaluedMap<String, String> fields) {
        String label = String.valueOf(fields.getFirst("new-option:" + question)).strip();
        if (label.isEmpty() || label.equals("null")) {
            throw new IllegalArgumentException("write the new answer's label first");
        }
        Set<String> values = new HashSet<>();
        edits.tree()
                .at(question + "/options")
                .forEach(o -> values.add(o.path("value").asText()));
        String item = "- {value: " + unique(slug(label), values) + ", label: " + YamlEdits.literal(label) + "}";
        if (edits.tree().at(question + "/options").isMissingNode()) {
            return edits.put(question + "/options", "[" + item.substring(2) + "]");
        }
        return edits.appendItem(question + "/options", List.of(item));
    }

    private static String deleteOption(YamlEdits edits, String option) {
        if (edits.tree().at(parent(option)).size() < 3) {
            throw new IllegalArgumentException("a choice keeps at least two answers");
        }
        return edits.removeItem(option);
    }

    private static String addRange(YamlEdits edits, String question, MultivaluedMap<String, String> fields) {
        Map<String, String> range = new LinkedHashMap<>();
        for (String bound : List.of("min", "max")) {
            String value = String.valueOf(fields.getFirst("new-range-" + bound + ":" + question))
                    .strip();
            if (!value.isEmpty() && !value.equals("null")) {
                if (!VisualEdits.INTEGER.matcher(value).matches()) {
                    throw new IllegalArgumentException("range bounds are whole numbers, not '" + value + "'");
                }
                range.put(bound, value);
            }
        }
        if (range.isEmpty()) {
            throw new IllegalArgumentException("give the new range a lower bound, an upper bound or both");
        }
        Map<String, String> points = new LinkedHashMap<>();
        edits.tree().path("dimensions").fieldNames().forEachRemaining(dimension -> {
            String value = String.valueOf(fields.getFirst("new-range-points:" + question + "@" + dimension))
                    .strip();
            if (VisualEdits.INTEGER.matcher(value).matches()) {
                points.put(dimension, value);
            } else if (!value.isEmpty() && !value.equals("null")) {
                throw new IllegalArgumentException("points are whole numbers, not '" + value + "'");
            }
        });
        if (!points.isEmpty()) {
            range.put("points", YamlEdits.flowMap(points));
        }
        String item = YamlEdits.flowMap(range);
        if (!edits.tree().at(question + "/ranges").isMissingNode()) {
            return edits.appendItem(question + "/ranges", List.of("- " + item));
        }
        String[] after = {"scale", "validation", "required", "help", "label"};
        return edits.writtenOnOneLine(question)
                ? edits.put(question + "/ranges", "[" + item + "]", after)
                : edits.putBlock(question + "/ranges", List.of("- " + item), after);
    }

    private static String addKnockout(YamlEdits edits, MultivaluedMap<String, String> fields) {
        List<String> languages = VisualEdits.languagesOf(edits.tree());
        Map<String, String> reason = posted(fields, "new-knockout@", languages);
        if (reason.isEmpty()) {
            throw new IllegalArgumentException("write the reason sales will read for the new knockout");
        }
        Set<String> codes = new HashSet<>();
        edits.tree().path("knockouts").fieldNames().forEachRemaining(codes::add);
        String code = unique(slug(reason.values().iterator().next()), codes);
        String value = VisualEdits.textValue(reason, languages);
        if ("nurture".equals(fields.getFirst("new-knockout-route"))) {
            value = "{reason: " + value + ", route: nurture}";
        }
        if (edits.tree().path("knockouts").isObject()) {
            return edits.put("/knockouts/" + code, value);
        }
        return edits.putBlock("/knockouts", List.of(code + ": " + value), "grades", "dimensions");
    }

    private static Map<String, String> posted(
            MultivaluedMap<String, String> fields, String prefix, List<String> languages) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String language : languages) {
            String value = fields.getFirst(prefix + language);
            if (value != null && !value.isBlank()) {
                texts.put(language, value.strip());
            }
        }
        return texts;
    }

    private static String match(Pattern pattern, String pointer) {
        if (!pattern.matcher(pointer).matches()) {
            throw new IllegalArgumentException("the page sent a button it does not have");
        }
        return pointer;
    }

    private static String parent(String pointer) {
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }

    static String slug(String label) {
        String slug = Normalizer.normalize(label, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase()
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        slug = slug.length() > 40 ? slug.substring(0, 40).replaceAll("-+$", "") : slug;
        return slug.isEmpty() ? "answer" : slug;
    }

    private static String unique(String slug, Set<String> taken) {
        String candidate = slug;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = slug + "-" + n;
        }
        return candidate;
    }
}
