package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.reporting.SourceCosts;
import io.leadgate.reporting.SourceReport;
import io.leadgate.reporting.SourceReports;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Lead sources judged by profit, for marketers: a period's views, leads, self-qualified, accepted and won leads,
 * revenue and time to outcome per UTM campaign, source or referring domain, drawn as charts, with the costs recorded
 * for the period and an import of a cost CSV (a file or pasted text) that records every line or none.
 */
@Path("/admin/sources")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class AdminSourcesResource {

    /** What the last import did: how many lines were added or replaced, or the refused lines (nothing recorded). */
    public record ImportOutcome(SourceCosts.Imported result, String pasted) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance sources(
                Viewer viewer,
                String section,
                SourceReport report,
                SourceCharts charts,
                List<SourceCosts.CostView> costs,
                List<String> currencies,
                ImportOutcome imported,
                String example);
    }

    /** The page's charts: what a marketer compares first. */
    public record SourceCharts(Chart leads, Chart revenuePerCost, Chart costPerWon) {

        static SourceCharts of(SourceReport report) {
            String currency = report.currency() == null ? "" : " " + report.currency();
            List<SourceReport.Row> costed =
                    report.rows().stream().filter(r -> r.cost() != null).toList();
            return new SourceCharts(
                    Chart.of(
                            "source-leads",
                            "Leads and self-qualified leads per source",
                            report.rows().stream()
                                    .filter(r -> r.leads() > 0)
                                    .limit(15)
                                    .toList(),
                            SourceReport.Row::label,
                            SourceReport.Row::leads,
                            r -> r.leads() + " leads, " + r.selfQualified() + " self-qualified, " + r.won() + " won"),
                    Chart.of(
                            "source-roi",
                            "Revenue per unit of cost",
                            costed.stream()
                                    .sorted((a, b) -> Double.compare(
                                            b.revenuePerCost() == null ? 0 : b.revenuePerCost(),
                                            a.revenuePerCost() == null ? 0 : a.revenuePerCost()))
                                    .limit(15)
                                    .toList(),
                            SourceReport.Row::label,
                            r -> r.revenuePerCost() == null ? 0 : r.revenuePerCost(),
                            r -> r.revenuePerCost() == null
                                    ? "no cost"
                                    : String.format(java.util.Locale.ROOT, "×%.2f", r.revenuePerCost()) + " ("
                                            + plain(r.revenue()) + " revenue on " + plain(r.cost()) + currency
                                            + " cost)"),
                    Chart.of(
                            "source-cost-per-won",
                            "Cost per won deal",
                            costed.stream()
                                    .filter(r -> r.costPerWonDeal() != null)
                                    .limit(15)
                                    .toList(),
                            SourceReport.Row::label,
                            r -> r.costPerWonDeal().doubleValue(),
                            r -> plain(r.costPerWonDeal()) + currency + " (" + r.won() + " won)"));
        }

        private static String plain(BigDecimal amount) {
            return amount == null ? "–" : amount.stripTrailingZeros().toPlainString();
        }
    }

    private final SourceReports reports;
    private final SourceCosts costs;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminSourcesResource(SourceReports reports, SourceCosts costs, SecurityIdentity identity, CsrfTokens csrf) {
        this.reports = reports;
        this.costs = costs;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance page(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("group") String group,
            @QueryParam("currency") String currency) {
        return render(from, to, group, currency, null);
    }

    /** Imports a cost CSV from an uploaded file, or else from the pasted text; every line or none. */
    @POST
    @Path("costs")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response importCosts(
            @RestForm(CsrfTokens.FIELD) String token,
            @RestForm("file") FileUpload file,
            @RestForm("csv") String pasted) {
        csrf.verify(identity, token);
        String body = pasted;
        if (file != null && file.size() > 0) {
            try {
                body = Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
            } catch (java.nio.charset.CharacterCodingException e) {
                body = null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        SourceCosts.Imported result = body == null
                ? new SourceCosts.Imported(
                        0,
                        0,
                        List.of(new SourceCosts.LineError(1, "the file is not UTF-8 text: save it as CSV (UTF-8)")))
                : SourceApiResource.importCosts(
                        costs, body, identity.getPrincipal().getName());
        return Response.status(result.errors().isEmpty() ? 200 : 422)
                .entity(render(
                        null,
                        null,
                        null,
                        null,
                        new ImportOutcome(result, result.errors().isEmpty() ? null : pasted)))
                .build();
    }

    @POST
    @Path("costs/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response delete(@PathParam("id") long id, @RestForm(CsrfTokens.FIELD) String token) {
        csrf.verify(identity, token);
        costs.delete(id);
        return Response.seeOther(URI.create("/admin/sources#costs")).build();
    }

    private TemplateInstance render(String from, String to, String group, String currency, ImportOutcome imported) {
        LocalDate until = date(to, LocalDate.now(ZoneOffset.UTC));
        LocalDate since = date(from, until.minusDays(ReportApiResource.DEFAULT_DAYS - 1));
        if (since.isAfter(until)) {
            since = until;
        }
        SourceReport report = reports.of(since, until, group, currency == null || currency.isBlank() ? null : currency);
        return Templates.sources(
                Viewer.of(identity, csrf),
                "reports",
                report,
                SourceCharts.of(report),
                costs.list(since, until),
                reports.currencies(),
                imported,
                SourceCostImport.EXAMPLE);
    }

    private static LocalDate date(String value, LocalDate otherwise) {
        try {
            LocalDate day = value == null || value.isBlank() ? otherwise : LocalDate.parse(value);
            return day.getYear() < 2000 || day.getYear() > 2100 ? otherwise : day;
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
