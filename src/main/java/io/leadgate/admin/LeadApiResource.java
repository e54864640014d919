package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.common.Problem;
import io.leadgate.leads.DealOutcome;
import io.leadgate.leads.DealOutcomeRequest;
import io.leadgate.leads.DealOutcomes;
import io.leadgate.leads.Erasure;
import io.leadgate.leads.Lead;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Leads for integrations such as a CRM, with a bearer API token: search and export (JSON or CSV), one lead with
 * everything held about it, outcomes, and the privacy rights (export and erasure). Sales tokens see their own leads.
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

    static final String LIST_EXAMPLE =
            "[{\"id\": \"6f1c2e0a-8a51-4c43-9a67-2a2b8f4e6c11\", \"email\": \"ana@acme.example\", \"name\": \"Ana Silva\","
                    + " \"form_id\": \"demo-saas\", \"score\": 100, \"verdict\": \"qualified\", \"grade\": \"A\", \"assigned_rep\": \"ana@pipewise.example\","
                    + " \"created_at\": \"2026-11-20T09:12:03Z\", \"updated_at\": \"2026-11-20T09:12:03Z\", \"outcome\": \"won\", \"amount\": 24000,"
                    + " \"currency\": \"EUR\"}]";
    static final String DETAIL_EXAMPLE =
            "{\"lead\": {\"id\": \"6f1c2e0a-8a51-4c43-9a67-2a2b8f4e6c11\", \"email\": \"ana@acme.example\","
                    + " \"score\": 100, \"verdict\": \"qualified\"}, \"submissions\": [{\"id\": \"b3d0...\", \"form_version\": \"1\","
                    + " \"answers\": {\"timeframe\": [\"this-month\"]}, \"ledger\": [{\"question\": \"timeframe\", \"answer\": \"This month\","
                    + " \"dimension\": \"timeframe\", \"points\": 25, \"counted\": true, \"reason\": \"When do you plan to have a solution in place?"
                    + " This month: +25 Timeframe\"}]}], \"consents\": [], \"timeline\": [{\"type\": \"submitted\", \"at\": \"2026-11-20T09:12:03Z\"}],"
                    + " \"outcome\": null, \"nurture\": [], \"deliveries\": []}";
    static final String OUTCOME_EXAMPLE =
            "{\"status\": \"won\", \"amount\": 24000, \"currency\": \"EUR\", \"close_date\": \"2026-11-20\","
                    + " \"reason\": \"Replaced spreadsheets\"}";

    private final LeadDirectory directory;
    private final DealOutcomes outcomes;
    private final Erasure erasure;
    private final SecurityIdentity identity;

    LeadApiResource(LeadDirectory directory, DealOutcomes outcomes, Erasure erasure, SecurityIdentity identity) {
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
                        examples = @ExampleObject(name = "leads", value = LIST_EXAMPLE)),
                @Content(
                        mediaType = "text/csv",
                        examples =
                                @ExampleObject(
                                        name = "csv",
                                        value = "id,email,name,form_id,score,verdict,grade,"
                                                + "assigned_rep,created_at,outcome,amount,currency\r\n6f1c2e0a-...,ana@acme.example,Ana Silva,demo-saas,100,qualified,A,"
                                                + "ana@pipewise.example,2026-11-20T09:12:03Z,won,24000,EUR\r\n"))
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
        if ("csv".equals(format) || accept != null && accept.startsWith("text/csv")) {
            return Response.ok(LeadCsv.of(leads), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"leads.csv\"")
                    .build();
        }
        return Response.ok(leads, MediaType.APPLICATION_JSON).build();
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
                            examples = @ExampleObject(name = "lead", value = DETAIL_EXAMPLE)))
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
                            examples = @ExampleObject(name = "won", value = OUTCOME_EXAMPLE)))
    @APIResponse(
            responseCode = "200",
            description = "Recorded",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "recorded",
                                            value = "{\"status\": \"won\", \"amount\": 24000, \"currency\": \"EUR\","
                                                    + " \"close_date\": \"2026-11-20\", \"reason\": null, \"recorded_by\": \"ana@pipewise.example\","
                                                    + " \"recorded_at\": \"2026-11-21T10:00:00Z\"}")))
    @APIResponse(
            responseCode = "422",
            description = "The outcome is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response outcome(@PathParam("id") String id, DealOutcomeRequest outcome) {
        return directory
                .visible(id, identity)
                .map(lead -> record(lead, outcome))
                .orElseGet(LeadApiResource::notFound);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Erase a person (GDPR)",
            description =
                    "Removes the lead, its answers, consents, timeline, outcome, messages and"
                            + " delivery logs; keeps only a keyed hash on the suppression list; sends lead.erased to subscribed webhooks.")
    @APIResponse(
            responseCode = "200",
            description = "Erased",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "erased",
                                            value = "{\"lead_id\": \"6f1c2e0a-8a51-4c43-9a67-2a2b8f4e6c11\","
                                                    + " \"erased_at\": \"2026-11-22T08:00:00Z\"}")))
    public Response erase(@PathParam("id") String id) {
        Optional<Instant> erased =
                erasure.erase(id, "requested by " + identity.getPrincipal().getName());
        return erased.map(at -> Response.ok(Map.of("lead_id", id, "erased_at", at.toString()))
                        .build())
                .orElseGet(LeadApiResource::notFound);
    }

    @GET
    @Path("{id}/personal-data")
    @RolesAllowed(Role.ADMIN_NAME)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Everything held about one person (GDPR access request), as a JSON file")
    @APIResponse(
            responseCode = "200",
            description = "The person's data",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "export", value = DETAIL_EXAMPLE)))
    public Response personalData(@PathParam("id") String id) {
        return directory
                .visible(id, identity)
                .map(lead -> Response.ok(directory.detail(lead))
                        .header("Content-Disposition", "attachment; filename=\"lead-" + lead.publicId + ".json\"")
                        .build())
                .orElseGet(LeadApiResource::notFound);
    }

    Response record(Lead lead, DealOutcomeRequest outcome) {
        return record(outcomes, lead, outcome, identity.getPrincipal().getName());
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

    static Response notFound() {
        return Problem.of(404, "No such lead", "There is no lead with this id that you may see.")
                .response();
    }
}
