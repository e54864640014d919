package io.leadgate.admin;

import io.leadgate.reporting.Report;

import java.util.ArrayList;
import java.util.List;

/**
 * Self-qualified versus not, week by week: stacked columns (qualified, nurture, disqualified) drawn as inline SVG by
 * the report page, with the geometry worked out here so the template only places rectangles.
 */
public record WeeklyChart(List<Column> columns, int width) {

    static final int HEIGHT = 140;
    static final int COLUMN = 48;

    /** One rectangle of a column. */
    public record Segment(int y, int height, String color, String label) {}

    /** One week's column. */
    public record Column(int x, String week, long total, List<Segment> segments) {}

    public static final String QUALIFIED = "#1d4ed8";
    public static final String NURTURE = "#b45309";
    public static final String DISQUALIFIED = "#64748b";

    static WeeklyChart of(List<Report.Week> weeks) {
        long max = weeks.stream()
                .mapToLong(w -> w.qualified() + w.nurture() + w.disqualified())
                .max()
                .orElse(0);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            Report.Week week = weeks.get(i);
            long total = week.qualified() + week.nurture() + week.disqualified();
            List<Segment> segments = new ArrayList<>();
            int bottom = HEIGHT;
            long[] counts = {week.qualified(), week.nurture(), week.disqualified()};
            String[] colors = {QUALIFIED, NURTURE, DISQUALIFIED};
            String[] names = {"qualified", "nurture", "disqualified"};
            for (int s = 0; s < 3; s++) {
                int height = max == 0 ? 0 : (int) Math.round((double) counts[s] / max * (HEIGHT - 10));
                bottom -= height;
                segments.add(new Segment(bottom, height, colors[s], counts[s] + " " + names[s]));
            }
            columns.add(new Column(10 + i * COLUMN, week.start().toString().substring(5), total, segments));
        }
        return new WeeklyChart(columns, Math.max(200, 20 + weeks.size() * COLUMN));
    }

    public int height() {
        return HEIGHT + 24;
    }

    public String description() {
        return String.join(
                "; ",
                columns.stream()
                        .map(c -> "week of " + c.week() + ": "
                                + String.join(
                                        ", ",
                                        c.segments().stream()
                                                .map(Segment::label)
                                                .toList()))
                        .toList());
    }
}
