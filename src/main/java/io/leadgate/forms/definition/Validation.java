package io.leadgate.forms.definition;

/** Limits an answer must respect beyond its type, and the message shown when it does not. */
public record Validation(Double min, Double max, Integer minLength, Integer maxLength, String pattern, Text message) {
    public static final Validation NONE = new Validation(null, null, null, null, null, null);
}
