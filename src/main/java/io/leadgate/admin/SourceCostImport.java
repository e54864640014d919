package io.leadgate.admin;

import io.leadgate.reporting.SourceCosts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a cost CSV: a header line naming its columns, then one cost per line. Columns: {@code utm_source} (required),
 * {@code utm_medium}, {@code utm_campaign}, the period as {@code from} and {@code to} (days, both included) or as
 * {@code month} (2026-11), {@code amount} (a plain number, like 1250.50) and {@code currency} (EUR). Each line that
 * cannot be read is named with its number in the file.
 */
final class SourceCostImport {

    static final Set<String> COLUMNS =
            Set.of("utm_source", "utm_medium", "utm_campaign", "from", "to", "month", "amount", "currency");
    static final String EXAMPLE = "utm_source,utm_medium,utm_campaign,from,to,amount,currency\n"
            + "google,cpc,spring-launch,2026-11-01,2026-11-30,1200.00,EUR\n"
            + "linkedin,paid-social,,2026-11-01,2026-11-30,800,EUR\n";

    /** The lines read, and those that could not be. */
    record Read(List<SourceCosts.Line> lines, List<SourceCosts.LineError> errors) {}

    private SourceCostImport() {}

    /** The header's problem in words, or null when it names what a cost needs and nothing unknown. */
    static String headerProblem(List<String> header) {
        List<String> unknown = header.stream().filter(h -> !COLUMNS.contains(h)).toList();
        if (!unknown.isEmpty()) {
            return "unknown column(s) " + String.join(", ", unknown) + "; the columns are utm_source, utm_medium,"
                    + " utm_campaign, from, to (or month), amount and currency";
        }
        if (!header.contains("utm_source")
                || !header.contains("amount")
                || !header.contains("currency")
                || !(header.contains("month") || (header.contains("from") && header.contains("to")))) {
            return "the header must name utm_source, amount, currency and the period: from and to, or month";
        }
        return null;
    }

    static Read read(List<String> header, List<Csv.Row> rows) {
        List<SourceCosts.Line> lines = new ArrayList<>();
        List<SourceCosts.LineError> errors = new ArrayList<>();
        for (Csv.Row row : rows) {
            if (row.cells().size() > header.size()) {
                errors.add(new SourceCosts.LineError(
                        row.line(),
                        "the line has " + row.cells().size() + " cells, the header " + header.size()
                                + " (quote a value that holds a comma)"));
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            for (int c = 0; c < header.size() && c < row.cells().size(); c++) {
                String value = row.cells().get(c).strip();
                cells.put(header.get(c), value.isEmpty() ? null : value);
            }
            List<String> problems = new ArrayList<>();
            LocalDate from = date(cells.get("from"), "from", problems);
            LocalDate to = date(cells.get("to"), "to", problems);
            if (cells.get("month") != null) {
                try {
                    YearMonth month = YearMonth.parse(cells.get("month"));
                    if (from != null || to != null) {
                        problems.add("give month or from and to, not both");
                    }
                    from = month.atDay(1);
                    to = month.atEndOfMonth();
                } catch (DateTimeParseException e) {
                    problems.add("month must be like 2026-11");
                }
            }
            BigDecimal amount = null;
            if (cells.get("amount") != null) {
                try {
                    amount = new BigDecimal(cells.get("amount"));
                } catch (NumberFormatException e) {
                    problems.add(
                            "amount must be a plain number like 1250.50 (no thousands separator or currency sign)");
                }
            }
            if (!problems.isEmpty()) {
                errors.add(new SourceCosts.LineError(row.line(), String.join("; ", problems)));
                continue;
            }
            lines.add(new SourceCosts.Line(
                    row.line(),
                    new SourceCosts.Cost(
                            cells.get("utm_source"),
                            cells.get("utm_medium"),
                            cells.get("utm_campaign"),
                            from,
                            to,
                            amount,
                            cells.get("currency"))));
        }
        return new Read(lines, errors);
    }

    /** The header's column names, trimmed and in lower case. */
    static List<String> header(Csv.Row first) {
        return first.cells().stream()
                .map(h -> h.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT))
                .toList();
    }

    private static LocalDate date(String value, String column, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(column + " must be a day like 2026-11-01");
            return null;
        }
    }
}
