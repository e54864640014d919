package io.leadgate.admin;

import io.leadgate.common.Problem;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Records the lines of an outcome CSV one by one, and reports each line that could not be recorded with its reason. */
final class DealOutcomeImport {

    /** One CSV line that could not be recorded. */
    public record LineError(int line, String message) {}

    /** What an import did. */
    public record ImportResult(int recorded, List<LineError> errors) {}

    private DealOutcomeImport() {}

    static ImportResult run(
            List<String> header,
            List<List<String>> rows,
            Function<DealOutcomeApiResource.AddressedOutcome, Response> record) {
        int recorded = 0;
        List<LineError> errors = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            Map<String, String> cells = new HashMap<>();
            for (int c = 0; c < header.size() && c < rows.get(i).size(); c++) {
                String value = rows.get(i).get(c).strip();
                cells.put(header.get(c), value.isEmpty() ? null : value);
            }
            try {
                DealOutcomeApiResource.AddressedOutcome outcome = new DealOutcomeApiResource.AddressedOutcome(
                        cells.get("lead_id"),
                        cells.get("email"),
                        cells.get("status"),
                        cells.get("amount") == null ? null : new BigDecimal(cells.get("amount")),
                        cells.get("currency"),
                        cells.get("close_date") == null ? null : LocalDate.parse(cells.get("close_date")),
                        cells.get("reason"));
                Response response = record.apply(outcome);
                if (response.getStatus() == 200) {
                    recorded++;
                } else {
                    errors.add(new LineError(i + 1, ((Problem) response.getEntity()).detail()));
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                errors.add(new LineError(i + 1, "amount must be a number and close_date a date like 2026-11-20"));
            }
        }
        return new ImportResult(recorded, errors);
    }
}
