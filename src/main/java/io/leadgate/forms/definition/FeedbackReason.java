package io.leadgate.forms.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reason sales may give for "Not a fit": a stable code (what reports and webhooks carry, at most 40 characters) and
 * the label sales read, in the form's languages.
 */
public record FeedbackReason(String code, Text label) {

    /** The longest code the database keeps. */
    public static final int MAX_CODE_LENGTH = 40;

    /** The reasons of a form that declares none, in English and German (English for any other language). */
    public static final List<FeedbackReason> DEFAULTS = List.of(
            reason("wrong-size", "Wrong size", "Falsche Unternehmensgröße"),
            reason("no-budget", "No budget", "Kein Budget"),
            reason("student", "Student", "Studierende"),
            reason("competitor", "Competitor", "Wettbewerber"),
            reason("spam", "Spam", "Spam"));

    private static FeedbackReason reason(String code, String english, String german) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("en", english);
        labels.put("de", german);
        return new FeedbackReason(code, new Text(labels));
    }
}
