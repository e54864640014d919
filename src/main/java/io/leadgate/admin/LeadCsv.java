package io.leadgate.admin;

import java.util.List;

/**
 * Leads as CSV (RFC 4180) that is safe to open in a spreadsheet: a cell starting with {@code = + - @}, a tab or a
 * carriage return is prefixed with an apostrophe so that it is never run as a formula.
 */
final class LeadCsv {

    static final List<String> HEADER = List.of(
            "id",
            "email",
            "name",
            "form_id",
            "score",
            "verdict",
            "grade",
            "assigned_rep",
            "created_at",
            "outcome",
            "amount",
            "currency");

    private LeadCsv() {}

    static String of(List<LeadDirectory.LeadSummary> leads) {
        StringBuilder csv = new StringBuilder(String.join(",", HEADER)).append("\r\n");
        for (LeadDirectory.LeadSummary lead : leads) {
            row(
                    csv,
                    lead.id(),
                    lead.email(),
                    lead.name(),
                    lead.formId(),
                    String.valueOf(lead.score()),
                    lead.verdict(),
                    lead.grade(),
                    lead.assignedRep(),
                    String.valueOf(lead.createdAt()),
                    lead.outcome(),
                    lead.amount() == null ? null : lead.amount().toPlainString(),
                    lead.currency());
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells[i]));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\""
                : safe;
    }
}
