package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormStore;
import io.leadgate.leads.BacktestReport;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The studio's backtest: pick a draft or version and a period, watch it run, then read what it would have changed. */
@Path("/admin/forms/{id}/backtest")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class AdminBacktestResource {

    /** A comparison row of the results table: published form against candidate. */
    public record Row(String label, String current, String candidate) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance setup(
                Viewer viewer, String section, String id, List<String> candidates, String error);

        static native TemplateInstance run(
                Viewer viewer,
                String section,
                String id,
                BacktestRuns.Run run,
                List<Row> rows,
                List<Map.Entry<String, Long>> moves,
                Chart winRates,
                Chart weekly);
    }

    private final BacktestRuns runs;
    private final FormStore store;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminBacktestResource(BacktestRuns runs, FormStore store, SecurityIdentity identity, CsrfTokens csrf) {
        this.runs = runs;
        this.store = store;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance setup(@PathParam("id") String id) {
        return Templates.setup(Viewer.of(identity, csrf), "forms", id, candidates(id), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response start(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst(CsrfTokens.FIELD));
        LocalDate from;
        LocalDate to;
        try {
            from = date(fields.getFirst("from"));
            to = date(fields.getFirst("to"));
        } catch (DateTimeParseException e) {
            return Response.status(422)
                    .entity(Templates.setup(
                            Viewer.of(identity, csrf), "forms", id, candidates(id), "Dates are written 2026-11-30."))
                    .build();
        }
        String run = runs.start(
                id,
                fields.getFirst("candidate"),
                from,
                to,
                identity.getPrincipal().getName());
        return Response.seeOther(URI.create("/admin/forms/" + id + "/backtest/runs/" + run))
                .build();
    }

    @GET
    @Path("runs/{run}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response run(@PathParam("id") String id, @PathParam("run") String runId) {
        return runs.find(id, runId)
                .map(run -> Response.ok(page(id, run)).build())
                .orElseGet(() -> Response.status(404)
                        .type(MediaType.TEXT_PLAIN)
                        .entity("No such backtest (runs are kept for an hour); start a new one.")
                        .build());
    }

    @GET
    @Path("runs/{run}/progress")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response progress(@PathParam("id") String id, @PathParam("run") String runId) {
        return runs.find(id, runId)
                .map(run -> Response.ok(Map.of(
                                "done",
                                run.done(),
                                "total",
                                run.total(),
                                "percent",
                                run.percent(),
                                "finished",
                                run.finished()))
                        .build())
                .orElseGet(() -> Response.status(404).build());
    }

    private TemplateInstance page(String id, BacktestRuns.Run run) {
        BacktestReport report = run.report();
        if (report == null) {
            return Templates.run(Viewer.of(identity, csrf), "forms", id, run, List.of(), List.of(), null, null);
        }
        BacktestReport.Deals now = report.current();
        BacktestReport.Deals then = report.candidateDeals();
        List<Row> rows = List.of(
                new Row("Won deals sent straight to sales", count(now.wonQualified()), count(then.wonQualified())),
                new Row("Their revenue", money(now.revenueQualified()), money(then.revenueQualified())),
                new Row("Won deals delayed to nurture", count(now.wonNurtured()), count(then.wonNurtured())),
                new Row("Their revenue", money(now.revenueNurtured()), money(then.revenueNurtured())),
                new Row("Won deals dropped", count(now.wonDisqualified()), count(then.wonDisqualified())),
                new Row("Lost deals sent to sales", count(now.lostQualified()), count(then.lostQualified())),
                new Row(
                        "Win rate of qualified leads",
                        Formats.percent(now.qualifiedWinRate()),
                        Formats.percent(then.qualifiedWinRate())));
        Chart winRates = Chart.of(
                "win-rates",
                "Win rate of qualified leads: published form against " + label(report.candidate()),
                List.of(
                        Map.entry("Published form", now.qualifiedWinRate()),
                        Map.entry(label(report.candidate()), then.qualifiedWinRate())),
                Map.Entry::getKey,
                e -> e.getValue() == null ? 0 : e.getValue(),
                e -> Formats.percent(e.getValue()));
        List<Map.Entry<String, Long>> weeks = new ArrayList<>();
        for (BacktestReport.Week week : report.weeks()) {
            weeks.add(Map.entry("Week of " + week.monday() + ", published", week.current()));
            weeks.add(Map.entry("Week of " + week.monday() + ", " + label(report.candidate()), week.candidate()));
        }
        Chart weekly = Chart.of(
                "weekly-load",
                "Qualified leads per week (sales load)",
                weeks,
                Map.Entry::getKey,
                Map.Entry::getValue,
                e -> String.valueOf(e.getValue()));
        return Templates.run(
                Viewer.of(identity, csrf),
                "forms",
                id,
                run,
                rows,
                new ArrayList<>(report.moves().entrySet()),
                winRates,
                weekly);
    }

    private List<String> candidates(String id) {
        List<String> candidates = new ArrayList<>();
        if (store.draft(Kind.FORM, id).isPresent()) {
            candidates.add("draft");
        }
        store.versions(Kind.FORM, id).forEach(v -> candidates.add(String.valueOf(v.number())));
        return candidates;
    }

    static String label(String candidate) {
        return "draft".equals(candidate) ? "the draft" : "version " + candidate;
    }

    private static LocalDate date(String text) {
        return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
    }

    private static String count(long count) {
        return String.valueOf(count);
    }

    private static String money(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }
}
