package io.leadgate.forms.definition;

/** The steps of a rating question and the words at its two ends. */
public record Scale(int min, int max, Text minLabel, Text maxLabel) {
}
