package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.common.Problem;
import io.leadgate.reporting.Reports;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;

/** A form's closed-loop report as JSON, for dashboards elsewhere; the back office draws the same numbers as charts. */
@Path("/api/reports")
@Tag(name = "Reports")
@SecurityRequirement(name = "token")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class ReportApiResource {

    /** How far back a report reaches when no period is given. */
    static final int DEFAULT_DAYS = 90;

    private final Reports reports;

    ReportApiResource(Reports reports) {
        this.reports = reports;
    }

    @GET
    @Path("{formId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "A form's report for a period",
            description =
                    "from and to are days (UTC), both included; the default is the"
                            + " last 90 days. version narrows it to one form version. No personal data: counts, rates and advice only.")
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "report",
                                            value =
                                                    "{\"form_id\": \"demo-saas\","
                                                            + " \"funnel\": {\"views\": 1200, \"starts\": 640, \"completions\": 410, \"qualified\": 96, \"nurture\": 220,"
                                                            + " \"disqualified\": 94, \"requalified\": 12, \"won\": 31}, \"by_verdict\": [{\"name\": \"qualified\", \"leads\": 96,"
                                                            + " \"won\": 27, \"lost\": 30, \"win_rate\": 0.47, \"revenue\": 540000, \"currency\": \"EUR\"}], \"questions\": [{\"question_id\":"
                                                            + " \"timeframe\", \"judged\": true, \"discriminates\": true, \"advice\": \"Keeps qualified and unqualified leads apart: keep it.\"}]}")))
    public Response report(
            @PathParam("formId") String formId,
            @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to,
            @QueryParam("version") String version) {
        LocalDate until = to == null ? LocalDate.now(java.time.ZoneOffset.UTC) : to;
        LocalDate since = from == null ? until.minusDays(DEFAULT_DAYS - 1) : from;
        if (since.isAfter(until)) {
            return Problem.of(422, "The period is not valid", "from must not be after to")
                    .response();
        }
        return reports.of(formId, since, until, version == null || version.isBlank() ? null : version)
                .<Response>map(report -> Response.ok(report).build())
                .orElseGet(() -> Problem.of(404, "No such form", "there is no valid form with this id")
                        .response());
    }
}
