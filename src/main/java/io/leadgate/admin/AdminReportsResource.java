package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
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
import java.util.List;

/** What marketers look at first: each form's closed-loop report, drawn as charts. */
@Path("/admin/reports")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class AdminReportsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reports(Viewer viewer, String section, List<ValidForm> forms);

        static native TemplateInstance report(
                Viewer viewer, String section, Report report, List<String> versions, ReportCharts charts);
    }

    private final Reports reports;
    private final FormRegistry registry;
    private final EntityManager entities;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminReportsResource(
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
    @Path("{formId}")
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
        return reports.of(formId, since, until, chosen)
                .map(report -> Response.ok(Templates.report(
                                Viewer.of(identity, csrf),
                                "reports",
                                report,
                                versions(formId),
                                ReportCharts.of(report)))
                        .build())
                .orElseGet(() -> Response.status(404)
                        .type(MediaType.TEXT_PLAIN)
                        .entity("No valid form with this id.")
                        .build());
    }

    /** The form versions that have submissions, to narrow the report to one. */
    private List<String> versions(String formId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> entities.createQuery(
                                "select distinct s.formVersion from Submission s"
                                        + " where s.formId = ?1 order by s.formVersion",
                                String.class)
                        .setParameter(1, formId)
                        .getResultList());
    }

    private static LocalDate date(String value, LocalDate otherwise) {
        try {
            return value == null || value.isBlank() ? otherwise : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
