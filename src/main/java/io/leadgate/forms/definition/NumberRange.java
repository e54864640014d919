package io.leadgate.forms.definition;

import java.util.Map;

/** Points (or a knockout) for a numeric answer from {@code min} (inclusive) up to {@code max} (exclusive). */
public record NumberRange(Double min, Double max, Map<String, Integer> points, String knockout) {
    public NumberRange {
        points = points == null ? Map.of() : Map.copyOf(points);
    }

    public boolean contains(double value) {
        return (min == null || value >= min) && (max == null || value < max);
    }

    /**
     * The range as people say it: "10 to 49", "50 or more", "below 10". Whole-number bounds read as counts, so the
     * exclusive upper bound 50 shows as its last whole number 49 (an answer of 49.5 still falls in it); a fractional
     * bound is spelt out ("1.5 to under 2.5").
     */
    public String describe() {
        if (min == null && max == null) {
            return "any number";
        }
        if (min == null) {
            return "below " + plain(max);
        }
        if (max == null) {
            return plain(min) + " or more";
        }
        if (isWhole(min) && isWhole(max)) {
            double last = max - 1;
            return last <= min ? plain(min) : plain(min) + " to " + plain(last);
        }
        return plain(min) + " to under " + plain(max);
    }

    private static boolean isWhole(double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15;
    }

    private static String plain(double number) {
        return isWhole(number) ? String.valueOf((long) number) : String.valueOf(number);
    }
}
