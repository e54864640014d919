package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.leads.DealOutcomeRequest;
import io.leadgate.leads.DealOutcomes;
import io.leadgate.leads.Lead;
import io.leadgate.leads.SalesFeedback;
import io.leadgate.leads.SalesFeedbacks;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
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

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Leads in the back office: search and filters, exports, and one lead with everything behind its score and its outcome. */
@Path("/admin/leads")
@RolesAllowed({Role.ADMIN_NAME, Role.SALES_NAME})
public class AdminLeadsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(
                Viewer viewer,
                String section,
                List<LeadDirectory.LeadSummary> leads,
                LeadFilters filters,
                List<String> forms);

        static native TemplateInstance lead(
                Viewer viewer,
                String section,
                LeadDirectory.LeadDetail detail,
                String formTitle,
                Map<String, String> labels,
                String message,
                boolean error,
                List<FeedbackChoice> feedbackChoices);
    }

    /** One choice of the lead page's sales feedback: {@code value} is accepted or rejected:<reason>. */
    public record FeedbackChoice(String value, String label, boolean current) {}

    private final LeadDirectory directory;
    private final DealOutcomes outcomes;
    private final SalesFeedbacks feedbacks;
    private final FormRegistry registry;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminLeadsResource(
            LeadDirectory directory,
            DealOutcomes outcomes,
            SalesFeedbacks feedbacks,
            FormRegistry registry,
            SecurityIdentity identity,
            CsrfTokens csrf) {
        this.directory = directory;
        this.outcomes = outcomes;
        this.feedbacks = feedbacks;
        this.registry = registry;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance list(@BeanParam LeadFilters filters) {
        List<LeadDirectory.LeadSummary> leads = directory.search(filters.filter(), identity, 200);
        return Templates.list(
                Viewer.of(identity, csrf),
                "leads",
                leads,
                filters,
                registry.valid().stream().map(ValidForm::id).sorted().toList());
    }

    @GET
    @Path("export")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(hidden = true)
    public Response export(@QueryParam("format") String format, @BeanParam LeadFilters filters) {
        List<LeadDirectory.LeadSummary> leads = directory.search(filters.filter(), identity, 50_000);
        Map<String, LeadDirectory.LeadAnswers> answers = directory.answers(leads);
        if ("json".equals(format)) {
            return Response.ok(directory.withAnswers(leads, answers), MediaType.APPLICATION_JSON)
                    .header("Content-Disposition", "attachment; filename=\"leads.json\"")
                    .build();
        }
        return Response.ok(LeadCsv.of(leads, answers), "text/csv; charset=utf-8")
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
                .orElseGet(AdminLeadsResource::notYours);
    }

    @POST
    @Path("{id}/outcome")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response outcome(@PathParam("id") String id, @BeanParam DealOutcomeForm form) {
        csrf.verify(identity, form.csrf);
        Lead lead = directory.visible(id, identity).orElse(null);
        if (lead == null) {
            return notYours();
        }
        DealOutcomeRequest request = form.request().orElse(null);
        if (request == null) {
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
        return Response.ok(page(lead, "Outcome recorded: " + request.status() + ".", false))
                .build();
    }

    /** Sales feedback from the lead page: {@code feedback} is accepted or rejected:<reason code>. */
    @POST
    @Path("{id}/feedback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response feedback(
            @PathParam("id") String id, @FormParam("_csrf") String token, @FormParam("feedback") String feedback) {
        csrf.verify(identity, token);
        Lead lead = directory.visible(id, identity).orElse(null);
        if (lead == null) {
            return notYours();
        }
        String value = feedback == null ? "" : feedback;
        String outcome = value.startsWith("rejected:") ? SalesFeedback.REJECTED : value;
        String reason = value.startsWith("rejected:") ? value.substring("rejected:".length()) : null;
        List<String> problems = feedbacks.problems(lead.formId, outcome, reason);
        if (!problems.isEmpty()) {
            return Response.status(422)
                    .entity(page(lead, "Not recorded: " + String.join("; ", problems) + ".", true))
                    .build();
        }
        SalesFeedbacks.Recorded recorded = feedbacks.record(
                lead.publicId, outcome, reason, identity.getPrincipal().getName(), "lead page");
        String said = feedbacks.describe(lead.formId, outcome, reason);
        return Response.ok(page(
                        lead,
                        recorded.changed()
                                ? "Sales feedback recorded: " + said + "."
                                : "Already recorded: " + said + ".",
                        false))
                .build();
    }

    private static Response notYours() {
        return Response.status(404)
                .entity("No such lead, or not one of yours.")
                .type(MediaType.TEXT_PLAIN)
                .build();
    }

    private TemplateInstance page(Lead lead, String message, boolean error) {
        Optional<FormDefinition> form =
                registry.find(lead.formId).filter(ValidForm.class::isInstance).map(f -> ((ValidForm) f).definition());
        String title = form.map(f -> f.title().in(f.defaultLanguage())).orElse(lead.formId);
        Map<String, String> labels =
                form.map(f -> f.labels(f.defaultLanguage())).orElse(Map.of());
        LeadDirectory.LeadDetail detail = directory.detail(lead);
        String current = detail.salesFeedback() == null
                ? null
                : detail.salesFeedback().reason() == null
                        ? detail.salesFeedback().outcome()
                        : "rejected:" + detail.salesFeedback().reason();
        List<FeedbackChoice> choices = new java.util.ArrayList<>();
        choices.add(new FeedbackChoice("accepted", "Accepted", "accepted".equals(current)));
        feedbacks
                .reasons(lead.formId)
                .forEach(r -> choices.add(new FeedbackChoice(
                        "rejected:" + r.code(),
                        feedbacks.describe(lead.formId, SalesFeedback.REJECTED, r.code()),
                        ("rejected:" + r.code()).equals(current))));
        return Templates.lead(Viewer.of(identity, csrf), "leads", detail, title, labels, message, error, choices);
    }
}
