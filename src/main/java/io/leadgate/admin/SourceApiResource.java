package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.common.Problem;
import io.leadgate.reporting.SourceCosts;
import io.leadgate.reporting.SourceReport;
import io.leadgate.reporting.SourceReports;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Lead sources judged by profit, for marketers and admins: the source report as JSON, and what sources cost, one at a
 * time or as a CSV import that records every line or none.
 */
@Path("/api/sources")
@Tag(name = "Sources")
@SecurityRequirement(name = "token")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class SourceApiResource {

    static final String COST_EXAMPLE = "{\"utm_source\": \"google\", \"utm_medium\": \"cpc\", \"utm_campaign\":"
            + " \"spring-launch\", \"from\": \"2026-11-01\", \"to\": \"2026-11-30\", \"amount\": 1200.00, \"currency\": \"EUR\"}";
    static final String IMPORTED_EXAMPLE = "{\"added\": 2, \"replaced\": 0, \"errors\": []}";
    static final String REFUSED_EXAMPLE = "{\"added\": 0, \"replaced\": 0, \"errors\": [{\"line\": 3, \"message\":"
            + " \"amount must not be negative\"}, {\"line\": 5, \"message\": \"from must be a day like 2026-11-01\"}]}";
    static final String REPORT_EXAMPLE = "{\"from\": \"2026-11-01\", \"to\": \"2026-11-30\", \"group\": \"campaign\","
            + " \"currency\": \"EUR\", \"rows\": [{\"label\": \"google / cpc / spring-launch\", \"utm_source\": \"google\","
            + " \"utm_medium\": \"cpc\", \"utm_campaign\": \"spring-launch\", \"views\": 900, \"leads\": 60,"
            + " \"self_qualified\": 20, \"accepted\": 15, \"won\": 4, \"lost\": 6, \"revenue\": 48000.00, \"outcomes\": 10,"
            + " \"median_days_to_outcome\": 21.5, \"cost\": 1200.00, \"cost_per_qualified_lead\": 60.00,"
            + " \"cost_per_won_deal\": 300.00, \"revenue_per_cost\": 40.0}], \"unallocated_cost\": 0.00, \"notes\": []}";

    private final SourceReports reports;
    private final SourceCosts costs;
    private final SecurityIdentity identity;

    SourceApiResource(SourceReports reports, SourceCosts costs, SecurityIdentity identity) {
        this.reports = reports;
        this.costs = costs;
        this.identity = identity;
    }

    @GET
    @Path("report")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Lead sources judged by profit, for a period",
            description = "Roles: marketer, admin. from and to are days (UTC), both included; the default is the last"
                    + " 90 days. group is campaign (utm_source / utm_medium / utm_campaign, the default), source-medium,"
                    + " source or referrer (the referring site's domain). Leads count under the source of their first"
                    + " submission and were created in the period; views are anonymous form views. currency picks the"
                    + " money shown (default: the one most costs are in). No personal data.")
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "report", value = REPORT_EXAMPLE)))
    @APIResponse(responseCode = "422", description = "The period or grouping is not valid")
    public Response report(
            @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to,
            @QueryParam("group") String group,
            @QueryParam("currency") String currency) {
        LocalDate until = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
        LocalDate since = from == null ? until.minusDays(ReportApiResource.DEFAULT_DAYS - 1) : from;
        if (since.isAfter(until) || since.getYear() < 2000 || until.getYear() > 2100) {
            return Problem.of(422, "The period is not valid", "from must not be after to, both between 2000 and 2100")
                    .response();
        }
        if (group != null && !group.isBlank() && !SourceReport.GROUPS.contains(group)) {
            return Problem.of(
                            422,
                            "The grouping is not valid",
                            "group is one of " + String.join(", ", SourceReport.GROUPS))
                    .response();
        }
        return Response.ok(reports.of(since, until, group, currency)).build();
    }

    @GET
    @Path("costs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Recorded costs whose periods touch these days",
            description = "Roles: marketer, admin. from and to default to the last 90 days.")
    public List<SourceCosts.CostView> costs(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        LocalDate until = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
        LocalDate since = from == null ? until.minusDays(ReportApiResource.DEFAULT_DAYS - 1) : from;
        return costs.list(since, until);
    }

    @POST
    @Path("costs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Record what a source cost in a period",
            description = "Roles: marketer, admin. utm_medium and utm_campaign are optional (a cost of the whole source"
                    + " or medium). The same source and period again replaces the amount; a period overlapping another"
                    + " of the same source is refused.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "campaign month", value = COST_EXAMPLE)))
    @APIResponse(
            responseCode = "200",
            description = "Recorded",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "added", value = IMPORTED_EXAMPLE)))
    @APIResponse(responseCode = "422", description = "Refused, with the reasons (line 0)")
    public Response record(SourceCosts.Cost cost) {
        SourceCosts.Imported result = costs.record(cost, identity.getPrincipal().getName());
        return Response.status(result.errors().isEmpty() ? 200 : 422)
                .entity(result)
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    @POST
    @Path("costs/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Import costs from CSV: every line or none",
            description =
                    "Roles: marketer, admin. A header line, then one cost per line. Columns: utm_source (required),"
                            + " utm_medium, utm_campaign, from and to (days, both included) or month (2026-11), amount (a plain"
                            + " number) and currency (EUR). When any line is refused, nothing is recorded and the answer is 422"
                            + " with every refused line's number in the file and its reason. Importing a file again replaces the"
                            + " amounts of the same sources and periods.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = "text/csv",
                            examples = @ExampleObject(name = "a month", value = SourceCostImport.EXAMPLE)))
    @APIResponse(
            responseCode = "200",
            description = "Every line recorded",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "imported", value = IMPORTED_EXAMPLE)))
    @APIResponse(
            responseCode = "422",
            description = "Nothing recorded: the refused lines",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "refused", value = REFUSED_EXAMPLE)))
    public Response importCsv(String body) {
        SourceCosts.Imported result =
                importCosts(costs, body, identity.getPrincipal().getName());
        return Response.status(result.errors().isEmpty() ? 200 : 422)
                .entity(result)
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    @DELETE
    @Path("costs/{id}")
    @Operation(summary = "Delete a recorded cost", description = "Roles: marketer, admin.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such cost")
    public Response delete(@PathParam("id") long id) {
        return costs.delete(id)
                ? Response.noContent().build()
                : Problem.of(404, "No such cost", "there is no recorded cost with this id")
                        .response();
    }

    /** Reads and records a cost CSV (the page's upload and the API alike): every line or none. */
    static SourceCosts.Imported importCosts(SourceCosts costs, String body, String by) {
        List<Csv.Row> rows = Csv.rows(body == null ? "" : body);
        if (rows.isEmpty()) {
            return new SourceCosts.Imported(
                    0,
                    0,
                    List.of(new SourceCosts.LineError(
                            1, "the file is empty: send a header line and one cost per line")));
        }
        List<String> header = SourceCostImport.header(rows.getFirst());
        String problem = SourceCostImport.headerProblem(header);
        if (problem != null) {
            return new SourceCosts.Imported(
                    0, 0, List.of(new SourceCosts.LineError(rows.getFirst().line(), problem)));
        }
        if (rows.size() == 1) {
            return new SourceCosts.Imported(
                    0, 0, List.of(new SourceCosts.LineError(1, "the file has a header but no cost lines")));
        }
        SourceCostImport.Read read = SourceCostImport.read(header, rows.subList(1, rows.size()));
        return costs.importAll(read.lines(), read.errors(), by);
    }
}
