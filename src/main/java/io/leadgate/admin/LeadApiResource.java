package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.common.Problem;
import io.leadgate.leads.DealOutcomeRequest;
import io.leadgate.leads.DealOutcomes;
import io.leadgate.leads.Erasure;
import io.leadgate.leads.SalesFeedback;
import io.leadgate.leads.SalesFeedbacks;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Leads for integrations such as a CRM, with a bearer API token: search and export (JSON or CSV), one lead with
 * everything held about it, and its deal outcome. Sales tokens see their own leads.
 */
@Path("/api/leads")
@Tag(name = "Leads")
@SecurityScheme(
        securitySchemeName = "token",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "An API token (lg_...) that an administrator issued for a user; it acts with that user's role.")
@SecurityRequirement(name = "token")
@RolesAllowed({Role.ADMIN_NAME, Role.SALES_NAME})
public class LeadApiResource {

    private final LeadDirectory directory;
    private final DealOutcomes outcomes;
    private final Erasure erasure;
    private final SecurityIdentity identity;
    private final SalesFeedbacks feedbacks;

    LeadApiResource(
            LeadDirectory directory,
            DealOutcomes outcomes,
            Erasure erasure,
            SecurityIdentity identity,
            SalesFeedbacks feedbacks) {
        this.feedbacks = feedbacks;
        this.directory = directory;
        this.outcomes = outcomes;
        this.erasure = erasure;
        this.identity = identity;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(
            summary = "Search and export leads",
            description = "Newest first. `Accept: text/csv` (or `format=csv`) gives a"
                    + " spreadsheet-safe CSV: cells starting with = + - @, tab or CR are prefixed with an apostrophe.")
    @APIResponse(
            responseCode = "200",
            description = "The matching leads",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        examples = @ExampleObject(name = "leads", value = ApiExamples.LEADS)),
                @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = ApiExamples.LEADS_CSV))
            })
    public Response search(
            @QueryParam("form") String form,
            @QueryParam("verdict") String verdict,
            @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to,
            @QueryParam("rep") String rep,
            @QueryParam("q") String search,
            @QueryParam("limit") Integer limit,
            @QueryParam("format") String format,
            @HeaderParam("Accept") String accept) {
        List<LeadDirectory.LeadSummary> leads = directory.search(
                new LeadDirectory.Filter(form, verdict, from, to, rep, search), identity, limit == null ? 1000 : limit);
        Map<String, LeadDirectory.LeadAnswers> answers = directory.answers(leads);
        if ("csv".equals(format) || accept != null && accept.startsWith("text/csv")) {
            return Response.ok(LeadCsv.of(leads, answers), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"leads.csv\"")
                    .build();
        }
        return Response.ok(directory.withAnswers(leads, answers), MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One lead with its submissions, ledger, timeline, deliveries, nurture state and outcome")
    @APIResponse(
            responseCode = "200",
            description = "The lead",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "lead", value = ApiExamples.LEAD)))
    @APIResponse(
            responseCode = "404",
            description = "No such lead, or not one of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response lead(@PathParam("id") String id) {
        return directory
                .visible(id, identity)
                .map(lead -> Response.ok(directory.detail(lead)).build())
                .orElseGet(LeadApiResource::notFound);
    }

    @POST
    @Path("{id}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Record what became of a lead",
            description = "won, lost or open; an amount needs a currency. Sends"
                    + " lead.outcome_recorded to subscribed webhooks and ends the lead's nurture sequence.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "won", value = ApiExamples.OUTCOME)))
    @APIResponse(
            responseCode = "200",
            description = "Recorded",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "recorded", value = ApiExamples.OUTCOME_RECORDED)))
    @APIResponse(
            responseCode = "422",
            description = "The outcome is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response outcome(@PathParam("id") String id, DealOutcomeRequest outcome) {
        return directory
                .visible(id, identity)
                .map(lead -> DealOutcomeApiResource.record(
                        outcomes, lead, outcome, identity.getPrincipal().getName()))
                .orElseGet(LeadApiResource::notFound);
    }

    /** Sales feedback as an API client sends it: outcome accepted or rejected, and a rejection's reason code. */
    public record FeedbackRequest(String outcome, String reason) {}

    /** The feedback recorded now, and whether this request changed it (false when it said the same again). */
    public record FeedbackRecorded(
            String outcome,
            String reason,
            String said,
            String recordedBy,
            java.time.Instant recordedAt,
            boolean changed) {}

    @POST
    @Path("{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Record sales feedback on a lead",
            description = "accepted, or rejected with one of the form's feedback-reasons (by default wrong-size,"
                    + " no-budget, student, competitor, spam). The same feedback again changes nothing (changed:"
                    + " false); other feedback replaces it, goes on the lead's timeline and is sent as"
                    + " lead.sales_feedback to subscribed webhooks.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "not a fit",
                                            value = "{\"outcome\": \"rejected\", \"reason\": \"no-budget\"}")))
    @APIResponse(responseCode = "200", description = "Recorded, or recorded already")
    @APIResponse(
            responseCode = "422",
            description = "Not accepted or rejected, or not one of the form's reasons",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(
            responseCode = "404",
            description = "No such lead, or not one of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response feedback(@PathParam("id") String id, FeedbackRequest request) {
        return directory
                .visible(id, identity)
                .map(lead -> {
                    List<String> problems = request == null
                            ? List.of("send a JSON body with \"outcome\"")
                            : feedbacks.problems(lead.formId, request.outcome(), request.reason());
                    if (!problems.isEmpty()) {
                        return Problem.of(422, "The feedback is not valid", String.join("; ", problems))
                                .response();
                    }
                    SalesFeedbacks.Recorded recorded = feedbacks.record(
                            lead.publicId,
                            request.outcome(),
                            request.reason(),
                            identity.getPrincipal().getName(),
                            "API");
                    SalesFeedback f = recorded.feedback();
                    return Response.ok(new FeedbackRecorded(
                                    f.outcome,
                                    f.reason,
                                    feedbacks.describe(lead.formId, f.outcome, f.reason),
                                    f.recordedBy,
                                    f.recordedAt,
                                    recorded.changed()))
                            .build();
                })
                .orElseGet(LeadApiResource::notFound);
    }

    static Response notFound() {
        return Problem.of(404, "No such lead", "There is no lead with this id that you may see.")
                .response();
    }
}
