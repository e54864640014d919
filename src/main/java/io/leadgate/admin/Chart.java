package io.leadgate.admin;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A horizontal bar chart drawn as inline SVG by {@code tags/barChart.html}: one bar per row, its length relative to
 * the longest, its value written beside it, and the whole chart described for screen readers.
 */
public record Chart(String id, String title, List<Bar> bars) {

    /** One bar: its label, the length as a fraction of the longest, the value as shown, and where its row starts. */
    public record Bar(String label, double fraction, String value, int y) {
        public int width() {
            return (int) Math.round(fraction * 250);
        }

        /** Where the value is written: just after the bar. */
        public int valueX() {
            return width() + 8;
        }

        /** The label as it fits beside the bar; the full one is in the bar's tooltip and the description. */
        public String shortLabel() {
            return label.length() <= 56 ? label : label.substring(0, 55) + "…";
        }
    }

    static final int ROW = 42;

    public int height() {
        return bars.size() * ROW + 8;
    }

    /** A plain-text summary of every bar, for the chart's accessible description. */
    public String description() {
        return String.join(
                "; ", bars.stream().map(b -> b.label() + ": " + b.value()).toList());
    }

    static <T> Chart of(
            String id,
            String title,
            List<T> rows,
            Function<T, String> label,
            ToDoubleFunction<T> value,
            Function<T, String> shown) {
        double max = rows.stream().mapToDouble(value).max().orElse(0);
        List<Bar> bars = new java.util.ArrayList<>();
        for (T row : rows) {
            bars.add(new Bar(
                    label.apply(row),
                    max <= 0 ? 0 : value.applyAsDouble(row) / max,
                    shown.apply(row),
                    bars.size() * ROW + 4));
        }
        return new Chart(id, title, bars);
    }
}
