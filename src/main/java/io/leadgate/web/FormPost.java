package io.leadgate.web;

import io.leadgate.forms.definition.FormDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One post of a form page, read strictly: the answers, and the fields the page itself sends next to them (token,
 * language, step, navigation, honeypot, embedding origin, source page and the conditional questions it showed).
 */
record FormPost(Map<String, List<String>> fields) {

    /** Fields the page itself posts, next to the answers. */
    static final Set<String> OWN_FIELDS =
            Set.of("_token", "_lang", "_step", "_nav", "_hp", "_origin", "_referrer", "_asked");

    /** The post, or empty when the body is not valid UTF-8. */
    static Optional<FormPost> parse(String body) {
        return FormBody.parse(body).map(FormPost::new);
    }

    /** The first field that a page of this form never posts (or posts twice), if any; its name says which. */
    Optional<String> strayField(FormDefinition form) {
        return fields.entrySet().stream()
                .filter(field -> OWN_FIELDS.contains(field.getKey())
                        ? field.getValue().size() > 1
                        : form.question(field.getKey()).isEmpty())
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Everything but the page's own fields. */
    Map<String, List<String>> answers() {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        fields.forEach((name, values) -> {
            if (!OWN_FIELDS.contains(name)) {
                answers.put(name, values);
            }
        });
        return answers;
    }

    String token() {
        return single("_token");
    }

    String language() {
        return single("_lang");
    }

    /** The step the page showed, within the form's steps. */
    int step(FormDefinition form) {
        try {
            return Math.clamp(Integer.parseInt(single("_step")), 0, form.steps().size() - 1);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    boolean back() {
        return "back".equals(single("_nav"));
    }

    boolean honeypotFilled() {
        return !single("_hp").isEmpty();
    }

    String origin() {
        return single("_origin");
    }

    String referrer() {
        return single("_referrer");
    }

    String asked() {
        return single("_asked");
    }

    private String single(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst();
    }
}
