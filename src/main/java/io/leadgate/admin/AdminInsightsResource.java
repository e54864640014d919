package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.forms.BrokenSequence;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.LoadedSequence;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.ValidSequence;
import io.leadgate.nurture.NurtureEvent;
import io.leadgate.reporting.Report;
import io.leadgate.reporting.Reports;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What marketers look at: each form's closed-loop report as charts, and how the nurture sequences do, step by step. */
@Path("/admin")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class AdminInsightsResource {

    /** A sequence on the nurture page: its state, enrolments by status, and each step's counts. */
    public record SequenceView(
            String id,
            String name,
            String file,
            boolean valid,
            List<String> problems,
            Map<String, Long> enrolments,
            List<StepView> steps,
            Chart chart) {}

    public record StepView(
            String id, String subject, String delay, long sent, long clicked, long requalified, long unsubscribed) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reports(Viewer viewer, String section, List<ValidForm> forms);

        static native TemplateInstance report(
                Viewer viewer,
                String section,
                Report report,
                List<String> versions,
                Chart funnel,
                WeeklyChart weekly,
                Chart dropOff,
                Chart winByVerdict,
                Chart winByBand,
                Chart knockouts);

        static native TemplateInstance nurture(Viewer viewer, String section, List<SequenceView> sequences);
    }

    private final Reports reports;
    private final FormRegistry registry;
    private final EntityManager entities;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminInsightsResource(
            Reports reports,
            FormRegistry registry,
            EntityManager entities,
            SecurityIdentity identity,
            CsrfTokens csrf) {
        this.reports = reports;
        this.registry = registry;
        this.entities = entities;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Path("reports")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance reports() {
        return Templates.reports(
                Viewer.of(identity, csrf),
                "reports",
                registry.valid().stream()
                        .sorted((a, b) -> a.id().compareTo(b.id()))
                        .toList());
    }

    @GET
    @Path("reports/{formId}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response report(
            @PathParam("formId") String formId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("version") String version) {
        LocalDate until = date(to, LocalDate.now(ZoneOffset.UTC));
        LocalDate since = date(from, until.minusDays(ReportApiResource.DEFAULT_DAYS - 1));
        if (since.isAfter(until)) {
            since = until;
        }
        String chosen = version == null || version.isBlank() ? null : version;
        List<String> versions = QuarkusTransaction.requiringNew()
                .call(() -> entities.createQuery(
                                "select distinct s.formVersion from Submission s"
                                        + " where s.formId = ?1 order by s.formVersion",
                                String.class)
                        .setParameter(1, formId)
                        .getResultList());
        return reports.of(formId, since, until, chosen)
                .map(report -> Response.ok(Templates.report(
                                Viewer.of(identity, csrf),
                                "reports",
                                report,
                                versions,
                                funnel(report),
                                WeeklyChart.of(report.weeks()),
                                Chart.of(
                                        "drop-off",
                                        "Visits that answered each question",
                                        report.dropOff(),
                                        Report.DropOff::label,
                                        Report.DropOff::answered,
                                        d -> String.valueOf(d.answered())),
                                winChart("win-verdict", "Win rate by verdict", report.byVerdict()),
                                winChart("win-band", "Win rate by score band", report.byScoreBand()),
                                Chart.of(
                                        "knockouts",
                                        "Knockout reasons",
                                        report.knockouts(),
                                        Report.KnockoutCount::reason,
                                        Report.KnockoutCount::count,
                                        k -> String.valueOf(k.count()))))
                        .build())
                .orElseGet(() -> Response.status(404)
                        .type(MediaType.TEXT_PLAIN)
                        .entity("No valid form with this id.")
                        .build());
    }

    @GET
    @Path("nurture")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance nurture() {
        List<SequenceView> sequences = QuarkusTransaction.requiringNew().call(() -> {
            List<SequenceView> views = new ArrayList<>();
            for (LoadedSequence sequence : registry.sequences()) {
                Map<String, Long> enrolments = new LinkedHashMap<>();
                for (Object[] row : entities.createQuery(
                                "select e.status, count(e) from Enrolment e where e.sequenceId = ?1 group by e.status",
                                Object[].class)
                        .setParameter(1, sequence.id())
                        .getResultList()) {
                    enrolments.put(row[0].toString().toLowerCase(), (Long) row[1]);
                }
                if (sequence instanceof ValidSequence valid) {
                    Map<String, Map<String, Long>> counts = NurtureEvent.countsFor(valid.id());
                    List<StepView> steps = valid.definition().steps().stream()
                            .map(step -> {
                                Map<String, Long> c = counts.getOrDefault(step.id(), Map.of());
                                return new StepView(
                                        step.id(),
                                        step.subject()
                                                .in(
                                                        step.subject()
                                                                        .languages()
                                                                        .isEmpty()
                                                                ? "en"
                                                                : step.subject()
                                                                        .languages()
                                                                        .iterator()
                                                                        .next()),
                                        step.delay()
                                                .toString()
                                                .replace("PT", "")
                                                .toLowerCase(),
                                        c.getOrDefault("sent", 0L),
                                        c.getOrDefault("clicked", 0L),
                                        c.getOrDefault("requalified", 0L),
                                        c.getOrDefault("unsubscribed", 0L));
                            })
                            .toList();
                    String name = valid.definition().name() == null
                            ? valid.id()
                            : valid.definition().name().in("en");
                    views.add(new SequenceView(
                            valid.id(),
                            name,
                            valid.file(),
                            true,
                            List.of(),
                            enrolments,
                            steps,
                            Chart.of(
                                    "requalified-" + valid.id(),
                                    "Re-qualifications per step of " + name,
                                    steps,
                                    StepView::id,
                                    StepView::requalified,
                                    s -> String.valueOf(s.requalified()))));
                } else if (sequence instanceof BrokenSequence broken) {
                    views.add(new SequenceView(
                            broken.id(),
                            broken.id(),
                            broken.file(),
                            false,
                            broken.problems().stream().map(Object::toString).toList(),
                            enrolments,
                            List.of(),
                            null));
                }
            }
            return views;
        });
        return Templates.nurture(Viewer.of(identity, csrf), "nurture", sequences);
    }

    private static Chart funnel(Report report) {
        Report.Funnel f = report.funnel();
        List<Map.Entry<String, Long>> steps = List.of(
                Map.entry("Views", f.views()),
                Map.entry("Starts", f.starts()),
                Map.entry("Completions", f.completions()),
                Map.entry("Qualified", f.qualified()),
                Map.entry("Nurture", f.nurture()),
                Map.entry("Disqualified", f.disqualified()),
                Map.entry("Re-qualified", f.requalified()),
                Map.entry("Won", f.won()));
        return Chart.of(
                "funnel", "Funnel", steps, Map.Entry::getKey, Map.Entry::getValue, e -> String.valueOf(e.getValue()));
    }

    private static Chart winChart(String id, String title, List<Report.Segment> segments) {
        return Chart.of(
                id,
                title,
                segments,
                Report.Segment::name,
                s -> s.winRate() == null ? 0 : s.winRate(),
                s -> s.winRate() == null
                        ? "no closed deals"
                        : Math.round(s.winRate() * 100) + " % of " + (s.won() + s.lost()) + " closed"
                                + (s.revenue().signum() > 0
                                        ? ", "
                                                + s.revenue()
                                                        .stripTrailingZeros()
                                                        .toPlainString() + " " + s.currency()
                                        : ""));
    }

    private static LocalDate date(String value, LocalDate otherwise) {
        try {
            return value == null || value.isBlank() ? otherwise : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
