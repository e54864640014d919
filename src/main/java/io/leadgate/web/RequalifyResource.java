package io.leadgate.web;

import io.leadgate.common.Translations;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.Text;
import io.leadgate.leads.AnswerError;
import io.leadgate.leads.ContactRequests;
import io.leadgate.leads.InvalidAnswersException;
import io.leadgate.leads.SubmissionResult;
import io.leadgate.nurture.Requalification;
import io.leadgate.nurture.Requalification.FollowUp;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The re-qualification link of nurture emails: a short, prefilled follow-up on the form's own page design. The link's
 * token names the lead, so the page asks nothing already known and needs no cookie.
 */
@Path("/r/{token}")
public class RequalifyResource {

    private final Requalification requalification;
    private final FormTokens tokens;
    private final ContactRequests contacts;

    RequalifyResource(Requalification requalification, FormTokens tokens, ContactRequests contacts) {
        this.requalification = requalification;
        this.contacts = contacts;
        this.tokens = tokens;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response open(@PathParam("token") String token) {
        Optional<FollowUp> followUp = requalification.open(token);
        if (followUp.isEmpty()) {
            return PrivateLinks.invalid();
        }
        requalification.recordClick(followUp.get());
        if (followUp.get().qualified()) {
            return allSet(followUp.get());
        }
        if (!followUp.get().canQualify()) {
            return PrivateLinks.noStore(
                    Response.ok(ProspectPages.talk(token, followUp.get().language())));
        }
        return page(Response.ok(), followUp.get(), token, followUp.get().prefilled(), List.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response submit(@PathParam("token") String token, String body, @Context HttpServerRequest http) {
        Optional<FollowUp> opened = requalification.open(token);
        if (opened.isEmpty()) {
            return PrivateLinks.invalid();
        }
        FollowUp followUp = opened.get();
        if (followUp.qualified()) {
            return allSet(followUp);
        }
        Optional<Map<String, List<String>>> parsed = FormBody.parse(body);
        Set<String> asked = followUp.questions().stream().map(q -> q.id()).collect(Collectors.toSet());
        if (parsed.isEmpty()) {
            return refused(
                    followUp,
                    Translations.bundle(PageMessages.class, followUp.language()).notUtf8());
        }
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> field : parsed.get().entrySet()) {
            if (asked.contains(field.getKey())) {
                answers.put(field.getKey(), field.getValue());
            } else if (!FormPost.OWN_FIELDS.contains(field.getKey())) {
                return refused(
                        followUp,
                        Translations.bundle(PageMessages.class, followUp.language())
                                .notInFollowUp(field.getKey()));
            }
        }
        SubmissionResult result;
        try {
            result = requalification.submit(
                    followUp,
                    answers,
                    http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        } catch (InvalidAnswersException e) {
            return page(Response.status(422), followUp, token, answers, e.errors());
        }
        return PrivateLinks.noStore(
                Response.seeOther(URI.create(ThankYouLinks.path(followUp.form().id(), result.submissionId()))));
    }

    /** "Talk to us anyway", from a lead whose answers cannot qualify: sales hear of it. */
    @POST
    @Path("talk")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response talk(@PathParam("token") String token) {
        Optional<FollowUp> followUp = requalification.open(token);
        if (followUp.isEmpty()) {
            return PrivateLinks.invalid();
        }
        if (followUp.get().qualified()) {
            return allSet(followUp.get());
        }
        if (followUp.get().canQualify()) {
            // Only a lead no answer can qualify is offered the button; the others answer the follow-up.
            return PrivateLinks.noStore(Response.seeOther(URI.create("/r/" + token)));
        }
        contacts.request(followUp.get().leadId(), followUp.get().form());
        PageMessages text =
                Translations.bundle(PageMessages.class, followUp.get().language());
        return PrivateLinks.noStore(Response.ok(ProspectPages.refused(
                text.talkRequestedTitle(),
                text.talkRequestedMessage(),
                followUp.get().language())));
    }

    private Response page(
            Response.ResponseBuilder response,
            FollowUp followUp,
            String token,
            Map<String, List<String>> answers,
            List<AnswerError> refusals) {
        String language = followUp.language();
        ValidForm page =
                followUp.page(followUpTitle(followUp.form().definition().languages()));
        FormView view = FormView.of(page, language, tokens.issue(page.id()))
                .withAnswers(answers)
                .withRefusals(refusals)
                .withNotice(Translations.bundle(PageMessages.class, language).followUp())
                .postingTo("/r/" + token);
        return PrivateLinks.noStore(response.entity(ProspectPages.form(view)).header("Content-Language", language));
    }

    /** The follow-up's one step is titled in each of the form's languages. */
    private static Text followUpTitle(List<String> languages) {
        Map<String, String> title = new LinkedHashMap<>();
        languages.forEach(language -> title.put(
                language, Translations.bundle(PageMessages.class, language).followUpTitle()));
        return new Text(title);
    }

    private Response allSet(FollowUp followUp) {
        PageMessages text = Translations.bundle(PageMessages.class, followUp.language());
        return PrivateLinks.noStore(
                Response.ok(ProspectPages.refused(text.allSetTitle(), text.allSetMessage(), followUp.language())));
    }

    private Response refused(FollowUp followUp, String message) {
        PageMessages text = Translations.bundle(PageMessages.class, followUp.language());
        return PrivateLinks.noStore(
                Response.status(400).entity(ProspectPages.refused(text.refusedTitle(), message, followUp.language())));
    }
}
