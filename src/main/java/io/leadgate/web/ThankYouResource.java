package io.leadgate.web;

import io.leadgate.common.Translations;
import io.leadgate.experiments.Experiments;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.leads.Meetings;
import io.leadgate.leads.SubmissionService;
import io.leadgate.scoring.Verdict;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Optional;

/**
 * The thank-you page a prospect lands on after submitting, chosen by the verdict. The URL carries the unguessable
 * submission id; an unknown id shows the neutral thank-you, so nothing can be learned by guessing.
 */
@Path("/f/{formId}/done/{submissionId}")
public class ThankYouResource {

    private final FormRegistry registry;
    private final SubmissionService submissions;

    private final Experiments experiments;
    private final Meetings meetings;

    ThankYouResource(FormRegistry registry, SubmissionService submissions, Experiments experiments, Meetings meetings) {
        this.registry = registry;
        this.experiments = experiments;
        this.submissions = submissions;
        this.meetings = meetings;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response thankYou(
            @PathParam("formId") String formId,
            @PathParam("submissionId") String submissionId,
            @QueryParam("lang") String lang,
            @QueryParam("origin") String origin,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        if (!(registry.find(formId).orElse(null) instanceof ValidForm published)) {
            return Response.status(404).entity(ProspectPages.notFound(formId)).build();
        }
        Optional<SubmissionService.Landing> landing =
                submissionId.length() == 36 ? submissions.landing(submissionId) : Optional.empty();
        // A prospect who answered an experiment's variant reads that variant's thank-you texts.
        ValidForm form = landing.filter(l -> l.experimentId() != null)
                .flatMap(l -> experiments.arm(formId, l.experimentId(), l.variant()))
                .map(Experiments.Arm::form)
                .orElse(published);
        String language = Languages.pick(form.definition().languages(), lang, acceptLanguage);
        String embedOrigin = Embedding.allowedOrigin(form, origin).orElse(null);
        // On a form that holds every submission, an unknown id (a trapped bot's) shows the page everyone sees first.
        boolean awaiting = landing.map(SubmissionService.Landing::awaitingConfirmation)
                .orElse(form.definition().holdsUntilVerified());
        if (awaiting) {
            return page(form, ThankYouView.unconfirmed(form, language, embedOrigin));
        }
        // An unknown id shows the nurture page, so that guessing ids tells nothing apart.
        Verdict verdict = landing.map(SubmissionService.Landing::verdict).orElse(Verdict.NURTURE);
        String notice =
                landing.filter(SubmissionService.Landing::unverifiedRepeat).isPresent()
                        ? Translations.bundle(PageMessages.class, language).repeatNotice()
                        : null;
        ThankYouView view = ThankYouView.of(form, language, verdict, embedOrigin, notice);
        // A qualified prospect meets their rep: the name, and the rep's booking page prefilled with their own answers.
        Optional<Meetings.Meeting> meeting =
                verdict == Verdict.QUALIFIED ? meetings.forSubmission(form, submissionId) : Optional.empty();
        return page(
                form,
                meeting.map(m -> view.withMeeting(m.repName(), m.bookingUrl())).orElse(view));
    }

    private static Response page(ValidForm form, ThankYouView view) {
        return Embedding.framedBy(Response.ok(ProspectPages.thankYou(view)), form)
                .header("Content-Language", view.lang())
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
