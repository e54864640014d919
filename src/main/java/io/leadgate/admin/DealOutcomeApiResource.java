package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.common.Problem;
import io.leadgate.leads.DealOutcomeRequest;
import io.leadgate.leads.DealOutcomes;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Deal outcomes addressed by lead id or by the lead's email, one at a time or as a CSV import from a CRM. */
@Path("/api/outcomes")
@Tag(name = "Outcomes")
@SecurityRequirement(name = "token")
@RolesAllowed({Role.ADMIN_NAME, Role.SALES_NAME})
public class DealOutcomeApiResource {

    /** An outcome for the lead named by {@code lead_id} or by {@code email}. */
    public record AddressedOutcome(
            String leadId,
            String email,
            String status,
            BigDecimal amount,
            String currency,
            LocalDate closeDate,
            String reason) {
        DealOutcomeRequest outcome() {
            return new DealOutcomeRequest(status, amount, currency, closeDate, reason);
        }
    }

    /** One CSV line that could not be recorded. */
    public record LineError(int line, String message) {}

    /** What an import did. */
    public record ImportResult(int recorded, List<LineError> errors) {}

    private final LeadDirectory directory;
    private final DealOutcomes outcomes;
    private final SecurityIdentity identity;

    DealOutcomeApiResource(LeadDirectory directory, DealOutcomes outcomes, SecurityIdentity identity) {
        this.directory = directory;
        this.outcomes = outcomes;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an outcome for the lead with this id or email address")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "by email",
                                            value =
                                                    "{\"email\": \"ana@example.com\", \"status\": \"lost\", \"reason\": \"Chose a competitor\"}")))
    public Response record(AddressedOutcome outcome) {
        if (outcome == null) {
            return Problem.of(422, "The outcome is not valid", "send lead_id or email, and status")
                    .response();
        }
        return (outcome.leadId() != null
                        ? directory.visible(outcome.leadId(), identity)
                        : outcome.email() != null
                                ? directory.visibleByEmail(outcome.email(), identity)
                                : java.util.Optional.<io.leadgate.leads.Lead>empty())
                .map(lead -> LeadApiResource.record(
                        outcomes,
                        lead,
                        outcome.outcome(),
                        identity.getPrincipal().getName()))
                .orElseGet(LeadApiResource::notFound);
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Import outcomes from CSV",
            description =
                    "A header line, then one outcome per line. Columns: lead_id or"
                            + " email, status, amount, currency, close_date (YYYY-MM-DD), reason. Lines that fail are reported; the others are recorded.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = "text/csv",
                            examples =
                                    @ExampleObject(
                                            name = "two deals",
                                            value =
                                                    "email,status,amount,currency,close_date,reason\nana@example.com,won,24000,EUR,2026-11-20,\nben@example.com,lost,,,,Budget cut\n")))
    @APIResponse(
            responseCode = "200",
            description = "What was recorded",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "result",
                                            value =
                                                    "{\"recorded\": 1, \"errors\": [{\"line\": 3, \"message\": \"status must be won, lost or open\"}]}")))
    public Response importCsv(String body) {
        List<List<String>> rows = Csv.parse(body == null ? "" : body);
        if (rows.isEmpty()) {
            return Problem.of(422, "The file is empty", "send a header line and one outcome per line")
                    .response();
        }
        List<String> header = rows.getFirst().stream()
                .map(h -> h.strip().toLowerCase(java.util.Locale.ROOT))
                .toList();
        if (!header.contains("status") || !(header.contains("lead_id") || header.contains("email"))) {
            return Problem.of(422, "The header is not valid", "the first line must name status and lead_id or email")
                    .response();
        }
        int recorded = 0;
        List<LineError> errors = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            Map<String, String> cells = new java.util.HashMap<>();
            for (int c = 0; c < header.size() && c < rows.get(i).size(); c++) {
                String value = rows.get(i).get(c).strip();
                cells.put(header.get(c), value.isEmpty() ? null : value);
            }
            try {
                AddressedOutcome outcome = new AddressedOutcome(
                        cells.get("lead_id"),
                        cells.get("email"),
                        cells.get("status"),
                        cells.get("amount") == null ? null : new BigDecimal(cells.get("amount")),
                        cells.get("currency"),
                        cells.get("close_date") == null ? null : LocalDate.parse(cells.get("close_date")),
                        cells.get("reason"));
                Response response = record(outcome);
                if (response.getStatus() == 200) {
                    recorded++;
                } else {
                    errors.add(new LineError(i + 1, ((Problem) response.getEntity()).detail()));
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                errors.add(new LineError(i + 1, "amount must be a number and close_date a date like 2026-11-20"));
            }
        }
        return Response.ok(new ImportResult(recorded, errors)).build();
    }
}
