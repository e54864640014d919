package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.ValidForm;
import io.leadgate.reporting.Report;
import io.leadgate.reporting.Reports;
import io.leadgate.reporting.SuggestionDrafts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What marketers look at first: each form's closed-loop report, drawn as charts, whose suggested points become a draft
 * of the form in one click.
 */
@Path("/admin/reports")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class AdminReportsResource {

    /**
     * Whether the report's suggestions can become a draft: how many answers they change, whether a draft in progress
     * would be replaced, the file managing the form (then there is no draft), and why the last try was refused.
     */
    public record DraftOffer(int answers, boolean draftInProgress, String managedInFile, String refusal) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reports(Viewer viewer, String section, List<ValidForm> forms);

        static native TemplateInstance report(
                Viewer viewer,
                String section,
                Report report,
                List<String> versions,
                ReportCharts charts,
                DraftOffer offer);
    }

    private final Reports reports;
    private final SuggestionDrafts drafts;
    private final FormRegistry registry;
    private final FormStore store;
    private final EntityManager entities;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminReportsResource(
            Reports reports,
            SuggestionDrafts drafts,
            FormRegistry registry,
            FormStore store,
            EntityManager entities,
            SecurityIdentity identity,
            CsrfTokens csrf) {
        this.reports = reports;
        this.drafts = drafts;
        this.registry = registry;
        this.store = store;
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
        return page(formId, from, to, version, 200, null);
    }

    /**
     * Writes the report's suggested points for the period shown into the form's draft and opens it in the studio; a
     * draft in progress is replaced only when "replace my draft" is ticked, else the report says why nothing changed.
     */
    @POST
    @Path("{formId}/suggestions/draft")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response draft(@PathParam("formId") String formId, MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst(CsrfTokens.FIELD));
        String from = fields.getFirst("from");
        String to = fields.getFirst("to");
        String version = fields.getFirst("version");
        LocalDate[] period = period(from, to);
        try {
            SuggestionDrafts.Written written = drafts.write(
                    formId,
                    period[0],
                    period[1],
                    blankToNull(version),
                    "yes".equals(fields.getFirst("replace")),
                    identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/admin/forms/" + formId + "/edit?done=suggested-"
                            + written.changes().size()))
                    .build();
        } catch (FormStore.Refusal refusal) {
            return page(formId, from, to, version, refusal.status, refusal.getMessage());
        } catch (SuggestionDrafts.NothingToSuggest nothing) {
            return page(formId, from, to, version, 422, nothing.getMessage());
        }
    }

    private Response page(String formId, String from, String to, String version, int status, String refusal) {
        LocalDate[] period = period(from, to);
        return reports.of(formId, period[0], period[1], blankToNull(version))
                .map(report -> Response.status(status)
                        .entity(Templates.report(
                                Viewer.of(identity, csrf),
                                "reports",
                                report,
                                versions(formId),
                                ReportCharts.of(report),
                                offer(formId, report, refusal)))
                        .build())
                .orElseGet(() -> Response.status(404)
                        .type(MediaType.TEXT_PLAIN)
                        .entity("No valid form with this id.")
                        .build());
    }

    private DraftOffer offer(String formId, Report report, String refusal) {
        String file = store.draft(Kind.FORM, formId)
                .map(FormStore.Draft::managedInFile)
                .orElse(null);
        return new DraftOffer(
                SuggestionDrafts.suggested(report).size(),
                file == null && drafts.hasDraftInProgress(formId),
                file,
                refusal);
    }

    /** The period asked for: the last days up to today when not given, never ending before it starts. */
    private static LocalDate[] period(String from, String to) {
        LocalDate until = date(to, LocalDate.now(ZoneOffset.UTC));
        LocalDate since = date(from, until.minusDays(ReportApiResource.DEFAULT_DAYS - 1));
        return new LocalDate[] {since.isAfter(until) ? until : since, until};
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
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
