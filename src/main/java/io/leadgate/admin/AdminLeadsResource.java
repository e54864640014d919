package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.leads.DealOutcomeRequest;
import io.leadgate.leads.DealOutcomes;
import io.leadgate.leads.Erasure;
import io.leadgate.leads.Lead;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Leads in the back office: search and filters, exports, one lead with everything behind its score, outcomes, erasure. */
@Path("/admin/leads")
@RolesAllowed({Role.ADMIN_NAME, Role.SALES_NAME})
public class AdminLeadsResource {

    /** The filters as the list page shows them back. */
    public record Filters(String form, String verdict, String from, String to, String rep, String q, String query) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(
                Viewer viewer,
                String section,
                List<LeadDirectory.LeadSummary> leads,
                Filters filters,
                List<String> forms);

        static native TemplateInstance lead(
                Viewer viewer,
                String section,
                LeadDirectory.LeadDetail detail,
                String formTitle,
                Map<String, String> labels,
                String message,
                boolean error);

        static native TemplateInstance erased(Viewer viewer, String section, String leadId);
    }

    private final LeadDirectory directory;
    private final DealOutcomes outcomes;
    private final Erasure erasure;
    private final FormRegistry registry;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminLeadsResource(
            LeadDirectory directory,
            DealOutcomes outcomes,
            Erasure erasure,
            FormRegistry registry,
            SecurityIdentity identity,
            CsrfTokens csrf) {
        this.directory = directory;
        this.outcomes = outcomes;
        this.erasure = erasure;
        this.registry = registry;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance list(
            @QueryParam("form") String form,
            @QueryParam("verdict") String verdict,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("rep") String rep,
            @QueryParam("q") String q) {
        List<LeadDirectory.LeadSummary> leads =
                directory.search(filter(form, verdict, from, to, rep, q), identity, 200);
        String query = "form=" + enc(form) + "&verdict=" + enc(verdict) + "&from=" + enc(from) + "&to=" + enc(to)
                + "&rep=" + enc(rep) + "&q=" + enc(q);
        return Templates.list(
                Viewer.of(identity, csrf),
                "leads",
                leads,
                new Filters(form, verdict, from, to, rep, q, query),
                registry.valid().stream().map(ValidForm::id).sorted().toList());
    }

    @GET
    @Path("export")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(hidden = true)
    public Response export(
            @QueryParam("format") String format,
            @QueryParam("form") String form,
            @QueryParam("verdict") String verdict,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("rep") String rep,
            @QueryParam("q") String q) {
        List<LeadDirectory.LeadSummary> leads =
                directory.search(filter(form, verdict, from, to, rep, q), identity, 50_000);
        if ("json".equals(format)) {
            return Response.ok(leads, MediaType.APPLICATION_JSON)
                    .header("Content-Disposition", "attachment; filename=\"leads.json\"")
                    .build();
        }
        return Response.ok(LeadCsv.of(leads), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"leads.csv\"")
                .build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response lead(@PathParam("id") String id) {
        return directory
                .visible(id, identity)
                .map(lead -> Response.ok(page(lead, null, false)).build())
                .orElseGet(() -> Response.status(404)
                        .entity("No such lead, or not one of yours.")
                        .type(MediaType.TEXT_PLAIN)
                        .build());
    }

    @GET
    @Path("{id}/personal-data")
    @RolesAllowed(Role.ADMIN_NAME)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response personalData(@PathParam("id") String id) {
        return directory
                .visible(id, identity)
                .map(lead -> Response.ok(directory.detail(lead))
                        .header("Content-Disposition", "attachment; filename=\"lead-" + lead.publicId + ".json\"")
                        .build())
                .orElseGet(() -> Response.status(404).build());
    }

    @POST
    @Path("{id}/outcome")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response outcome(
            @PathParam("id") String id,
            @FormParam("_csrf") String token,
            @FormParam("status") String status,
            @FormParam("amount") String amount,
            @FormParam("currency") String currency,
            @FormParam("close_date") String closeDate,
            @FormParam("reason") String reason) {
        csrf.verify(identity, token);
        Lead lead = directory.visible(id, identity).orElse(null);
        if (lead == null) {
            return Response.status(404)
                    .entity("No such lead, or not one of yours.")
                    .type(MediaType.TEXT_PLAIN)
                    .build();
        }
        DealOutcomeRequest request;
        try {
            request = new DealOutcomeRequest(
                    status,
                    blank(amount) ? null : new BigDecimal(amount.strip()),
                    blank(currency) ? null : currency.strip(),
                    blank(closeDate) ? null : LocalDate.parse(closeDate.strip()),
                    blank(reason) ? null : reason.strip());
        } catch (NumberFormatException | DateTimeParseException e) {
            return Response.status(422)
                    .entity(page(lead, "The amount must be a number and the close date a date.", true))
                    .build();
        }
        List<String> problems = DealOutcomes.problems(request);
        if (!problems.isEmpty()) {
            return Response.status(422)
                    .entity(page(lead, "Not recorded: " + String.join("; ", problems) + ".", true))
                    .build();
        }
        outcomes.record(lead, request, identity.getPrincipal().getName());
        return Response.ok(page(lead, "Outcome recorded: " + status + ".", false))
                .build();
    }

    @POST
    @Path("{id}/erase")
    @RolesAllowed(Role.ADMIN_NAME)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response erase(@PathParam("id") String id, @FormParam("_csrf") String token) {
        csrf.verify(identity, token);
        return erasure.erase(id, "erased by " + identity.getPrincipal().getName())
                .map(at -> Response.ok(Templates.erased(Viewer.of(identity, csrf), "leads", id))
                        .build())
                .orElseGet(() -> Response.seeOther(URI.create("/admin/leads")).build());
    }

    private TemplateInstance page(Lead lead, String message, boolean error) {
        LeadDirectory.LeadDetail detail = directory.detail(lead);
        String title = registry.find(lead.formId)
                .filter(ValidForm.class::isInstance)
                .map(f -> ((ValidForm) f)
                        .definition()
                        .title()
                        .in(((ValidForm) f).definition().defaultLanguage()))
                .orElse(lead.formId);
        Map<String, String> labels = new java.util.HashMap<>();
        registry.find(lead.formId)
                .filter(ValidForm.class::isInstance)
                .map(ValidForm.class::cast)
                .ifPresent(form -> form.definition()
                        .questions()
                        .forEach(q -> labels.put(
                                q.id(),
                                q.label() == null
                                        ? q.id()
                                        : q.label().in(form.definition().defaultLanguage()))));
        return Templates.lead(Viewer.of(identity, csrf), "leads", detail, title, labels, message, error);
    }

    private static LeadDirectory.Filter filter(
            String form, String verdict, String from, String to, String rep, String q) {
        return new LeadDirectory.Filter(form, verdict, date(from), date(to), rep, q);
    }

    private static LocalDate date(String value) {
        try {
            return blank(value) ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String enc(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
