package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.common.Problem;
import io.leadgate.leads.DealOutcome;
import io.leadgate.leads.DealOutcomeRequest;
import io.leadgate.leads.DealOutcomes;
import io.leadgate.leads.Lead;
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
import java.util.List;

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
                            examples = @ExampleObject(name = "by email", value = ApiExamples.OUTCOME_BY_EMAIL)))
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
                .map(lead -> record(
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
                            examples = @ExampleObject(name = "two deals", value = ApiExamples.OUTCOMES_CSV)))
    @APIResponse(
            responseCode = "200",
            description = "What was recorded",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "result", value = ApiExamples.IMPORT_RESULT)))
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
        return Response.ok(DealOutcomeImport.run(header, rows, this::record)).build();
    }

    /** Records an outcome and answers with it, or with a problem document saying what is wrong with it. */
    static Response record(DealOutcomes outcomes, Lead lead, DealOutcomeRequest outcome, String recordedBy) {
        List<String> problems =
                outcome == null ? List.of("send a JSON body with at least \"status\"") : DealOutcomes.problems(outcome);
        if (!problems.isEmpty()) {
            return Problem.of(422, "The outcome is not valid", String.join("; ", problems))
                    .response();
        }
        DealOutcome recorded = outcomes.record(lead, outcome, recordedBy).orElseThrow();
        return Response.ok(new LeadDirectory.OutcomeView(
                        recorded.status,
                        recorded.amount,
                        recorded.currency,
                        recorded.closeDate,
                        recorded.reason,
                        recorded.recordedBy,
                        recorded.recordedAt))
                .build();
    }
}
