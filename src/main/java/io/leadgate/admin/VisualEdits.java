package io.leadgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadgate.forms.YamlEdits;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The visual view's posted values as edits of the draft's YAML text, each made only where a value differs from the
 * document: texts per language, numbers, required, show-if, knockouts, their routes and the form's languages.
 */
final class VisualEdits {

    static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,6}");
    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:[-_][a-z0-9]+)*");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}(?:-[A-Z]{2})?");
    private static final Pattern POINTER = Pattern.compile("(/[A-Za-z0-9_-]+)+");
    /** Texts that may be left empty, which removes them; a label or a knockout reason may not. */
    private static final Pattern CLEARABLE =
            Pattern.compile(".*/help|/steps/[0-9]+/(title|description)|/outcomes/[a-z]+/thank-you/(title|message)");

    /** Where a new member goes in its mapping: after the first of these keys it has (else last). */
    private static final Map<String, String[]> AFTER = Map.ofEntries(
            Map.entry("help", new String[] {"label", "type"}),
            Map.entry("required", new String[] {"help", "label", "type"}),
            Map.entry("show-if", new String[] {"required", "help", "label", "type"}),
            Map.entry("points", new String[] {"label"}),
            Map.entry("knockout", new String[] {"points", "label"}),
            Map.entry("title", new String[] {"id"}),
            Map.entry("thank-you", new String[] {"min"}),
            Map.entry("disqualified", new String[] {"nurture"}),
            Map.entry("languages", new String[] {"description", "title"}),
            Map.entry("route", new String[] {"reason"}),
            Map.entry("max", new String[] {"min"}),
            Map.entry("min", new String[] {}));

    private VisualEdits() {}

    /** The posted values applied to {@code text} in a fixed order, so that no edit moves what a later one names. */
    static String apply(String text, MultivaluedMap<String, String> fields) {
        List<String> languages = languagesOf(YamlEdits.of(text).tree());
        String changed = text;
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            String name = field.getKey();
            if (name.startsWith("text:")
                    && name.contains("@")
                    && !field.getValue().isEmpty()) {
                String pointer = pointer(name.substring("text:".length(), name.lastIndexOf('@')));
                String language = name.substring(name.lastIndexOf('@') + 1);
                texts.computeIfAbsent(pointer, p -> new LinkedHashMap<>())
                        .put(language, field.getValue().getFirst().strip());
            }
        }
        for (Map.Entry<String, Map<String, String>> entry : texts.entrySet()) {
            changed = text(changed, entry.getKey(), entry.getValue(), languages);
        }
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            if (field.getKey().startsWith("num:") && !field.getValue().isEmpty()) {
                changed = number(
                        changed,
                        pointer(field.getKey().substring("num:".length())),
                        field.getValue().getFirst().strip());
            }
        }
        for (String seen : prefixed(fields, "seen-required:")) {
            changed = required(changed, pointer(seen), fields.containsKey("required:" + seen));
        }
        for (String question : prefixed(fields, "showif:")) {
            changed = showIf(
                    changed,
                    pointer(question),
                    fields.getFirst("showif:" + question),
                    fields.getOrDefault("showif-answer:" + question, List.of()));
        }
        for (String option : prefixed(fields, "knockout:")) {
            changed = knockout(changed, pointer(option), fields.getFirst("knockout:" + option));
        }
        for (String knockout : prefixed(fields, "route:")) {
            changed = route(changed, pointer(knockout), fields.getFirst("route:" + knockout));
        }
        if (fields.getFirst("languages") != null) {
            changed = languages(changed, fields.getFirst("languages"));
        }
        return changed;
    }

    /** Whether the view can show this show-if as a question and answers: {question, equals | in | answered}. */
    static boolean simpleCondition(JsonNode condition) {
        if (!condition.isObject() || !condition.path("question").isTextual()) {
            return false;
        }
        Set<String> keys = new LinkedHashSet<>();
        condition.fieldNames().forEachRemaining(keys::add);
        return keys.equals(Set.of("question", "equals"))
                        && condition.get("equals").isTextual()
                || keys.equals(Set.of("question", "in"))
                || keys.equals(Set.of("question", "answered"))
                        && condition.get("answered").asBoolean(false);
    }

    /** The answers a simple show-if names; none for {@code answered: true}. */
    static List<String> answersOf(JsonNode condition) {
        List<String> answers = new ArrayList<>();
        if (condition.has("equals")) {
            answers.add(condition.get("equals").asText());
        }
        condition.path("in").forEach(value -> answers.add(value.asText()));
        return answers;
    }

    static List<String> languagesOf(JsonNode root) {
        List<String> languages = new ArrayList<>();
        root.path("languages").forEach(l -> languages.add(l.asText()));
        return languages.isEmpty() ? List.of("en") : languages;
    }

    /** A text in its languages as YAML: plain when only the default one is written, else {en: ..., de: ...}. */
    static String textValue(Map<String, String> byLanguage, List<String> languages) {
        Map<String, String> written = new LinkedHashMap<>();
        for (String language : languages) {
            String value = byLanguage.get(language);
            if (value != null && !value.isEmpty()) {
                written.put(language, YamlEdits.literal(value));
            }
        }
        if (written.size() == 1 && written.containsKey(languages.getFirst())) {
            return written.get(languages.getFirst());
        }
        return YamlEdits.flowMap(written);
    }

    /**
     * Sets the value at {@code pointer}, creating missing mappings on the way as {@code {key: ...}}; a new member goes
     * where {@link #AFTER} says.
     */
    static String set(String text, String pointer, String value) {
        YamlEdits edits = YamlEdits.of(text);
        String existing = pointer;
        List<String> missing = new ArrayList<>();
        while (edits.tree().at(existing).isMissingNode()) {
            missing.addFirst(existing.substring(existing.lastIndexOf('/') + 1));
            existing = existing.substring(0, existing.lastIndexOf('/'));
        }
        if (missing.isEmpty()) {
            return edits.put(pointer, value);
        }
        String nested = value;
        for (int i = missing.size() - 1; i >= 1; i--) {
            nested = "{" + missing.get(i) + ": " + nested + "}";
        }
        return edits.put(
                existing + "/" + missing.getFirst(), nested, AFTER.getOrDefault(missing.getFirst(), new String[0]));
    }

    private static String text(String yaml, String pointer, Map<String, String> posted, List<String> languages) {
        YamlEdits edits = YamlEdits.of(yaml);
        JsonNode current = edits.tree().at(pointer);
        Map<String, String> wanted = new LinkedHashMap<>();
        posted.forEach((language, value) -> {
            if (!value.isEmpty() && languages.contains(language)) {
                wanted.put(language, value);
            }
        });
        if (wanted.isEmpty()) {
            if (current.isMissingNode() || current.isNull()) {
                return yaml;
            }
            if (!CLEARABLE.matcher(pointer).matches()) {
                throw new IllegalArgumentException(
                        "labels and knockout reasons cannot be empty (help texts, step titles and thank-you texts"
                                + " can)");
            }
            return edits.removeKey(pointer);
        }
        if (current.isObject()) {
            String changed = yaml;
            for (String language : posted.keySet()) {
                if (!languages.contains(language)) {
                    continue;
                }
                JsonNode was = YamlEdits.of(changed).tree().at(pointer + "/" + language);
                String want = wanted.get(language);
                if (want == null && !was.isMissingNode()) {
                    changed = YamlEdits.of(changed).removeKey(pointer + "/" + language);
                } else if (want != null && !was.asText().equals(want)) {
                    changed = set(changed, pointer + "/" + language, YamlEdits.literal(want));
                }
            }
            return changed;
        }
        String first = languages.getFirst();
        if (current.isValueNode() && wanted.keySet().equals(Set.of(first))) {
            return current.asText().equals(wanted.get(first)) ? yaml : edits.setScalar(pointer, wanted.get(first));
        }
        return set(yaml, pointer, textValue(wanted, languages));
    }

    private static String number(String yaml, String pointer, String value) {
        JsonNode current = YamlEdits.of(yaml).tree().at(pointer);
        if (value.isEmpty()) {
            if (pointer.startsWith("/outcomes/")) {
                throw new IllegalArgumentException("a threshold needs a score from 0 to 100");
            }
            return current.isMissingNode() ? yaml : YamlEdits.of(yaml).removeKey(pointer);
        }
        if (!INTEGER.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "points, scores and range bounds are whole numbers, not '" + value + "'");
        }
        return current.isValueNode() && current.asText().equals(value) ? yaml : set(yaml, pointer, value);
    }

    private static String required(String yaml, String question, boolean wanted) {
        JsonNode current = YamlEdits.of(yaml).tree().at(question + "/required");
        if (current.asBoolean(false) == wanted) {
            return yaml;
        }
        return wanted
                ? set(yaml, question + "/required", "true")
                : YamlEdits.of(yaml).removeKey(question + "/required");
    }

    private static String showIf(String yaml, String question, String dependsOn, List<String> posted) {
        String pointer = question + "/show-if";
        JsonNode current = YamlEdits.of(yaml).tree().at(pointer);
        if (!current.isMissingNode() && !simpleCondition(current)) {
            return yaml;
        }
        String wanted = dependsOn == null ? "" : dependsOn.strip();
        if (wanted.isEmpty()) {
            return current.isMissingNode() ? yaml : YamlEdits.of(yaml).removeKey(pointer);
        }
        if (!SLUG.matcher(wanted).matches()) {
            throw new IllegalArgumentException("pick the question this one depends on from the list");
        }
        // The ticked answers belong to the question shown when the page was drawn; a newly picked one has none yet.
        List<String> answers = wanted.equals(current.path("question").asText())
                ? posted.stream()
                        .filter(a -> SLUG.matcher(a).matches())
                        .distinct()
                        .toList()
                : List.of();
        Map<String, String> condition = new LinkedHashMap<>();
        condition.put("question", wanted);
        if (answers.isEmpty()) {
            condition.put("answered", "true");
        } else if (answers.size() == 1) {
            condition.put("equals", YamlEdits.literal(answers.getFirst()));
        } else {
            condition.put(
                    "in",
                    YamlEdits.flowList(answers.stream().map(YamlEdits::literal).toList()));
        }
        boolean same = wanted.equals(current.path("question").asText())
                && answersOf(current).equals(answers)
                && current.has("in") == answers.size() > 1;
        return same ? yaml : set(yaml, pointer, YamlEdits.flowMap(condition));
    }

    private static String knockout(String yaml, String option, String code) {
        String wanted = code == null ? "" : code.strip();
        JsonNode tree = YamlEdits.of(yaml).tree();
        String current = tree.at(option + "/knockout").asText("");
        if (current.equals(wanted)) {
            return yaml;
        }
        if (wanted.isEmpty()) {
            return YamlEdits.of(yaml).removeKey(option + "/knockout");
        }
        if (!tree.path("knockouts").has(wanted)) {
            throw new IllegalArgumentException("pick a knockout reason the form declares");
        }
        return set(yaml, option + "/knockout", wanted);
    }

    private static String route(String yaml, String knockout, String route) {
        if (!"nurture".equals(route) && !"disqualified".equals(route)) {
            throw new IllegalArgumentException("a knockout leads to nurture or disqualified");
        }
        JsonNode value = YamlEdits.of(yaml).tree().at(knockout);
        if (value.isMissingNode()) {
            return yaml;
        }
        boolean routed = value.isObject() && (value.has("reason") || value.has("route") || value.has("sequence"));
        if (routed) {
            return value.path("route").asText("disqualified").equals(route)
                    ? yaml
                    : set(yaml, knockout + "/route", route);
        }
        if (route.equals("disqualified")) {
            return yaml;
        }
        Map<String, String> byLanguage = new LinkedHashMap<>();
        value.fields()
                .forEachRemaining(e -> byLanguage.put(
                        e.getKey(), YamlEdits.literal(e.getValue().asText())));
        Map<String, String> object = new LinkedHashMap<>();
        object.put("reason", value.isTextual() ? YamlEdits.literal(value.asText()) : YamlEdits.flowMap(byLanguage));
        object.put("route", "nurture");
        return YamlEdits.of(yaml).put(knockout, YamlEdits.flowMap(object));
    }

    private static String languages(String yaml, String posted) {
        List<String> wanted = new ArrayList<>();
        for (String language : posted.strip().split("[\\s,]+")) {
            if (language.isEmpty()) {
                continue;
            }
            if (!LANGUAGE.matcher(language).matches()) {
                throw new IllegalArgumentException(
                        "'" + language + "' is not a language code; write two letters such as en or de (or de-CH)");
            }
            if (!wanted.contains(language)) {
                wanted.add(language);
            }
        }
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("a form needs at least one language");
        }
        JsonNode tree = YamlEdits.of(yaml).tree();
        if (wanted.equals(languagesOf(tree))) {
            return yaml;
        }
        return set(yaml, "/languages", YamlEdits.flowList(wanted));
    }

    private static List<String> prefixed(MultivaluedMap<String, String> fields, String prefix) {
        return fields.keySet().stream()
                .filter(name -> name.startsWith(prefix))
                .map(name -> name.substring(prefix.length()))
                .toList();
    }

    static String pointer(String pointer) {
        if (!POINTER.matcher(pointer).matches()) {
            throw new IllegalArgumentException("the page sent a field it does not have");
        }
        return pointer;
    }
}
