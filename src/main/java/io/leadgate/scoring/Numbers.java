package io.leadgate.scoring;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one number format answers are read in, by the validator and the scoring engine alike: digits with an optional
 * sign and decimal point ({@code 250}, {@code -3}, {@code 12.5}). A comma is refused rather than guessed at, since
 * {@code 1,000} means a thousand in one language and one in another.
 */
public final class Numbers {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d{1,15}(\\.\\d{0,15})?|\\.\\d{1,15})");

    private Numbers() {}

    /** The number an answer states, or empty when it is not written as one. */
    public static Optional<Double> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String stripped = text.strip();
        return NUMBER.matcher(stripped).matches() ? Optional.of(Double.parseDouble(stripped)) : Optional.empty();
    }
}
