package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.common.Problem;
import io.leadgate.forms.FormStore;
import io.leadgate.reporting.SuggestionDrafts;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** The report's suggested points written into the form's draft, for pipelines; the report page has the same button. */
@Path("/api/forms/{formId}/suggestions")
@Tag(name = "Reports")
@SecurityRequirement(name = "token")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class SuggestionDraftApiResource {

    /** The draft written: its revision (the ETag of GET /api/forms/{id}/draft), each change and the draft's problems. */
    public record DraftWritten(
            String formId,
            int revision,
            List<SuggestionDrafts.Change> changes,
            List<DocumentApiResource.Finding> problems) {}

    private final SuggestionDrafts drafts;
    private final SecurityIdentity identity;

    SuggestionDraftApiResource(SuggestionDrafts drafts, SecurityIdentity identity) {
        this.drafts = drafts;
        this.identity = identity;
    }

    @POST
    @Path("draft")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Write the report's suggested points into the form's draft",
            description = "Takes the suggestions of the form's report for the period (from and to are days, UTC, both"
                    + " included; the last 90 days by default; version narrows it to one form version) and writes"
                    + " each suggested answer's new points into a draft that starts from the published version,"
                    + " comments and layout kept; backtest it with POST /api/forms/{id}/backtests and candidate"
                    + " \"draft\". A draft in progress (one that differs from the published version) is replaced only"
                    + " with replace=true; otherwise 409, as for a form a file manages. 422 when the report suggests"
                    + " no change of points or the period ends before it starts.")
    @APIResponse(
            responseCode = "201",
            description = "The draft was written",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DraftWritten.class),
                            examples =
                                    @ExampleObject(
                                            name = "written",
                                            value = "{\"form_id\": \"demo-saas\", \"revision\": 4, \"changes\":"
                                                    + " [{\"question_id\": \"size\", \"question\": \"Team size\","
                                                    + " \"answer\": \"small\", \"answer_label\": \"Small\","
                                                    + " \"dimension\": \"fit\", \"from\": 10, \"to\": 30}],"
                                                    + " \"problems\": []}")))
    @APIResponse(
            responseCode = "409",
            description = "A draft in progress exists (send replace=true to replace it), someone saved the draft"
                    + " meanwhile, or a file manages the form",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Nothing to suggest: no answer has enough closed deals and a win rate far enough from the"
                    + " average; or the period is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(
            responseCode = "404",
            description = "No valid form with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response draft(
            @PathParam("formId") String formId,
            @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to,
            @QueryParam("version") String version,
            @QueryParam("replace") boolean replace) {
        LocalDate until = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
        LocalDate since = from == null ? until.minusDays(ReportApiResource.DEFAULT_DAYS - 1) : from;
        if (since.isAfter(until)) {
            return Problem.of(422, "The period is not valid", "from must not be after to")
                    .response();
        }
        try {
            SuggestionDrafts.Written written = drafts.write(
                    formId,
                    since,
                    until,
                    version == null || version.isBlank() ? null : version,
                    replace,
                    identity.getPrincipal().getName());
            return Response.created(URI.create("/api/forms/" + formId + "/draft"))
                    .entity(new DraftWritten(
                            formId,
                            written.revision(),
                            written.changes(),
                            written.problems().stream()
                                    .map(DocumentApiResource.Finding::of)
                                    .toList()))
                    .type(MediaType.APPLICATION_JSON)
                    .build();
        } catch (SuggestionDrafts.NothingToSuggest nothing) {
            return Problem.of(422, "Nothing to suggest", nothing.getMessage()).response();
        } catch (FormStore.Refusal refusal) {
            return Problem.of(
                            refusal.status,
                            refusal.status == 404 ? "Not found" : refusal.status == 409 ? "Conflict" : "Not accepted",
                            refusal.getMessage())
                    .response();
        }
    }
}
