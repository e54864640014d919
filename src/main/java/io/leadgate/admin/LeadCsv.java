package io.leadgate.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
            "currency",
            "experiment_id",
            "variant",
            "utm_source",
            "utm_medium",
            "utm_campaign",
            "referrer");

    private LeadCsv() {}

    /**
     * One row per lead; after the lead's own columns, two per question any of them answered: the answer codes
     * ({@code answer.<question>}) and the labels the prospect saw ({@code answer.<question>.label}), several answers
     * joined by "; ".
     */
    static String of(List<LeadDirectory.LeadSummary> leads, Map<String, LeadDirectory.LeadAnswers> answers) {
        Set<String> questions = new LinkedHashSet<>();
        answers.values().forEach(a -> questions.addAll(a.answers().keySet()));
        List<String> header = new ArrayList<>(HEADER);
        for (String question : questions) {
            header.add(cell("answer." + question));
            header.add(cell("answer." + question + ".label"));
        }
        StringBuilder csv = new StringBuilder(String.join(",", header)).append("\r\n");
        for (LeadDirectory.LeadSummary lead : leads) {
            List<String> cells = new ArrayList<>(List.of(
                    lead.id(),
                    nullable(lead.email()),
                    nullable(lead.name()),
                    nullable(lead.formId()),
                    String.valueOf(lead.score()),
                    nullable(lead.verdict()),
                    nullable(lead.grade()),
                    nullable(lead.assignedRep()),
                    String.valueOf(lead.createdAt()),
                    nullable(lead.outcome()),
                    lead.amount() == null ? "" : lead.amount().toPlainString(),
                    nullable(lead.currency())));
            LeadDirectory.LeadAnswers given = answers.get(lead.id());
            LeadDirectory.Experiment experiment = given == null ? null : given.experiment();
            cells.add(experiment == null ? "" : String.valueOf(experiment.id()));
            cells.add(experiment == null ? "" : experiment.variant());
            // The source of the lead's first submission (first touch).
            LeadDirectory.Source source = given == null ? LeadDirectory.Source.NONE : given.source();
            cells.add(nullable(source.utmSource()));
            cells.add(nullable(source.utmMedium()));
            cells.add(nullable(source.utmCampaign()));
            cells.add(nullable(source.referrer()));
            for (String question : questions) {
                cells.add(given == null ? "" : String.join("; ", given.answers().getOrDefault(question, List.of())));
                cells.add(
                        given == null
                                ? ""
                                : String.join("; ", given.answerLabels().getOrDefault(question, List.of())));
            }
            row(csv, cells.toArray(String[]::new));
        }
        return csv.toString();
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
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
        return safe.contains(",")
                        || safe.contains(";")
                        || safe.contains("\"")
                        || safe.contains("\n")
                        || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\""
                : safe;
    }
}
