package io.leadgate.admin;

import io.leadgate.reporting.Report;

import java.util.List;
import java.util.Map;

/** The charts of a form's report page, each drawn from the report's numbers. */
public record ReportCharts(
        Chart funnel, WeeklyChart weekly, Chart dropOff, Chart winByVerdict, Chart winByBand, Chart knockouts) {

    static ReportCharts of(Report report) {
        return new ReportCharts(
                funnel(report),
                WeeklyChart.of(report.weeks()),
                Chart.of(
                        "drop-off",
                        "Visits that answered each question",
                        report.dropOff(),
                        Report.DropOff::label,
                        Report.DropOff::answered,
                        d -> String.valueOf(d.answered())),
                winChart("win-verdict", "Win rate by verdict", report.byVerdict()),
                winChart("win-band", "Win rate by score band", report.byScoreBand()),
                Chart.of(
                        "knockouts",
                        "Knockout reasons",
                        report.knockouts(),
                        Report.KnockoutCount::reason,
                        Report.KnockoutCount::count,
                        k -> String.valueOf(k.count())));
    }

    private static Chart funnel(Report report) {
        Report.Funnel f = report.funnel();
        List<Map.Entry<String, Long>> steps = List.of(
                Map.entry("Views", f.views()),
                Map.entry("Starts", f.starts()),
                Map.entry("Completions", f.completions()),
                Map.entry("Qualified", f.qualified()),
                Map.entry("Nurture", f.nurture()),
                Map.entry("Disqualified", f.disqualified()),
                Map.entry("Re-qualified", f.requalified()),
                Map.entry("Won", f.won()));
        return Chart.of(
                "funnel", "Funnel", steps, Map.Entry::getKey, Map.Entry::getValue, e -> String.valueOf(e.getValue()));
    }

    private static Chart winChart(String id, String title, List<Report.Segment> segments) {
        return Chart.of(id, title, segments, Report.Segment::name, s -> s.winRate() == null ? 0 : s.winRate(), s -> {
            if (s.winRate() == null) {
                return "no closed deals";
            }
            String revenue = s.revenue().signum() > 0
                    ? ", " + s.revenue().stripTrailingZeros().toPlainString() + " " + s.currency()
                    : "";
            return Math.round(s.winRate() * 100) + " % of " + (s.won() + s.lost()) + " closed" + revenue;
        });
    }
}
