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
}
