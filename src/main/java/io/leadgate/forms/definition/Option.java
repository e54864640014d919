package io.leadgate.forms.definition;

import java.util.Map;

/** One answer a prospect can pick, with the points it earns or the knockout it triggers. */
public record Option(String value, Text label, Map<String, Integer> points, String knockout) {
    public Option {
        points = points == null ? Map.of() : Map.copyOf(points);
    }
}
