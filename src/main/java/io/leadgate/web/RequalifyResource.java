package io.leadgate.web;

import io.leadgate.forms.ValidForm;
import io.leadgate.leads.AnswerError;
import io.leadgate.leads.InvalidAnswersException;
import io.leadgate.leads.SubmissionResult;
import io.leadgate.nurture.Requalification;
import io.leadgate.nurture.Requalification.FollowUp;
import io.quarkus.qute.TemplateInstance;
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

    RequalifyResource(Requalification requalification, FormTokens tokens) {
        this.requalification = requalification;
        this.tokens = tokens;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response open(@PathParam("token") String token) {
        Optional<FollowUp> followUp = requalification.open(token);
        if (followUp.isEmpty()) {
            return invalid();
        }
        requalification.recordClick(followUp.get());
        if (followUp.get().qualified()) {
            return allSet(followUp.get());
        }
        return page(Response.ok(), followUp.get(), token, followUp.get().prefilled(), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response submit(@PathParam("token") String token, String body, @Context HttpServerRequest http) {
        Optional<FollowUp> opened = requalification.open(token);
        if (opened.isEmpty()) {
            return invalid();
        }
        FollowUp followUp = opened.get();
        if (followUp.qualified()) {
            return allSet(followUp);
        }
        Optional<Map<String, List<String>>> parsed = FormBody.parse(body);
        Set<String> asked = followUp.questions().stream().map(q -> q.id()).collect(Collectors.toSet());
        if (parsed.isEmpty()) {
            return refused(followUp, "The form data is not valid UTF-8. Please send it from the page again.");
        }
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> field : parsed.get().entrySet()) {
            if (asked.contains(field.getKey())) {
                answers.put(field.getKey(), field.getValue());
            } else if (!FormPageResource.OWN_FIELDS.contains(field.getKey())) {
                return refused(followUp, "The field '" + field.getKey() + "' is not part of this questionnaire.");
            }
        }
        SubmissionResult result;
        try {
            result = requalification.submit(
                    followUp,
                    answers,
                    http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        } catch (InvalidAnswersException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (AnswerError error : e.errors()) {
                if (error.question() != null) {
                    errors.putIfAbsent(error.question(), error.message());
                }
            }
            return page(Response.status(422), followUp, token, answers, errors);
        }
        return noStore(
                Response.seeOther(URI.create(OutcomeLinks.path(followUp.form().id(), result.submissionId()))));
    }

    private Response page(
            Response.ResponseBuilder response,
            FollowUp followUp,
            String token,
            Map<String, List<String>> answers,
            Map<String, String> errors) {
        ValidForm page = followUp.page();
        UiText text = UiText.in(followUp.language());
        FormView view = new FormView(
                page,
                followUp.language(),
                0,
                answers,
                errors,
                tokens.issue(page.id()),
                null,
                null,
                text.get("followUp"),
                text,
                "/r/" + token,
                false);
        return noStore(
                response.entity(FormPageResource.Templates.form(view)).header("Content-Language", followUp.language()));
    }

    private Response allSet(FollowUp followUp) {
        UiText text = UiText.in(followUp.language());
        return noStore(Response.ok(message(text.get("allSet.title"), text.get("allSet.message"), followUp.language())));
    }

    private Response refused(FollowUp followUp, String message) {
        return noStore(Response.status(400).entity(message("We could not accept this", message, followUp.language())));
    }

    private Response invalid() {
        UiText text = UiText.in("en");
        return noStore(Response.status(404)
                .entity(message(text.get("invalidLink.title"), text.get("invalidLink.message"), "en")));
    }

    private static TemplateInstance message(String title, String message, String lang) {
        return FormPageResource.Templates.refused(title, message, lang);
    }

    private static Response noStore(Response.ResponseBuilder response) {
        // The token in the URL is the only credential: keep it out of Referer headers and caches.
        return response.header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }
}
