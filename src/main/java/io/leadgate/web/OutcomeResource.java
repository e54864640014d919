package io.leadgate.web;

import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.Outcome;
import io.leadgate.forms.definition.ThankYou;
import io.leadgate.leads.SubmissionService;
import io.leadgate.scoring.Verdict;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The page a prospect lands on after submitting, chosen by the verdict. The URL carries the unguessable
 * submission id; an unknown id shows the neutral thank-you, so nothing can be learned by guessing.
 */
@Path("/f/{formId}/done/{submissionId}")
public class OutcomeResource {

    /** What the outcome page shows. */
    public record OutcomeView(
            ValidForm form,
            String lang,
            String outcome,
            String title,
            String message,
            String linkUrl,
            String linkLabel,
            String embedOrigin) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance outcome(OutcomeView v);
    }

    private final FormRegistry registry;
    private final SubmissionService submissions;

    OutcomeResource(FormRegistry registry, SubmissionService submissions) {
        this.registry = registry;
        this.submissions = submissions;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response outcome(
            @PathParam("formId") String formId,
            @PathParam("submissionId") String submissionId,
            @QueryParam("lang") String lang,
            @QueryParam("origin") String origin,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        if (!(registry.find(formId).orElse(null) instanceof ValidForm form)) {
            return Response.status(404)
                    .entity(FormPageResource.Templates.notFound(formId))
                    .build();
        }
        String language = Languages.pick(form.definition().languages(), lang, acceptLanguage);
        Verdict verdict = submissionId.length() == 36
                ? submissions.verdictOf(submissionId).orElse(Verdict.NURTURE)
                : Verdict.NURTURE;
        Outcome outcome = switch (verdict) {
            case QUALIFIED -> form.definition().outcomes().qualified();
            case NURTURE -> form.definition().outcomes().nurture();
            case DISQUALIFIED -> form.definition().outcomes().disqualified();
        };
        ThankYou thanks = outcome.thankYou();
        UiText text = UiText.in(language);
        String title = thanks != null && thanks.title() != null
                ? thanks.title().in(language)
                : text.get("title." + verdict.key());
        String message = thanks != null && thanks.message() != null
                ? thanks.message().in(language)
                : text.get("message." + verdict.key());
        String linkUrl = thanks != null && thanks.link() != null ? thanks.link().url() : null;
        String linkLabel =
                thanks != null && thanks.link() != null && thanks.link().label() != null
                        ? thanks.link().label().in(language)
                        : linkUrl;
        OutcomeView view = new OutcomeView(
                form,
                language,
                verdict.key(),
                title,
                message,
                linkUrl,
                linkLabel,
                Embedding.allowedOrigin(form, origin).orElse(null));
        return Embedding.framedBy(Response.ok(Templates.outcome(view)), form)
                .header("Content-Language", language)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
