package io.leadgate.web;

import io.leadgate.common.Problem;
import io.leadgate.forms.BrokenForm;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.LoadedForm;
import io.leadgate.forms.ValidForm;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.function.Function;

/** Submissions from custom front ends: the same rules, defences and single transaction as the hosted form. */
@Path("/api/forms/{formId}")
@Tag(name = "Submissions")
public class SubmissionApiResource {

    private final FormRegistry registry;
    private final ApiSubmissions submissions;

    SubmissionApiResource(FormRegistry registry, ApiSubmissions submissions) {
        this.registry = registry;
        this.submissions = submissions;
    }

    @GET
    @Path("token")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "A form token for a front end running in a browser",
            description = "Fetch one when the form is shown and send it with the submission as form_token: it proves"
                    + " the submission comes from a page that showed the form, and times the fill.")
    @APIResponse(
            responseCode = "200",
            description = "The token",
            content = @Content(schema = @Schema(implementation = ApiSubmission.Token.class)))
    public Response token(@PathParam("formId") String formId) {
        return withForm(formId, form -> Response.ok(submissions.token(form)).build());
    }

    @POST
    @Path("submissions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            summary = "Submit answers to a form",
            description = "Validates, scores and stores the submission in one transaction and queues what its verdict"
                    + " triggers. Posting the same answers again (or the same Idempotency-Key) returns the first result"
                    + " with repeated=true; the same key with another body is refused. For an email that already has"
                    + " a lead the submission proves nothing: it is scored on its own answers (unverified_repeat) and"
                    + " can only raise the lead's verdict. Forms with verify-email answer 202 and wait for the"
                    + " prospect to confirm the address.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ApiSubmission.Body.class),
                            examples = @ExampleObject(name = "demo-saas", value = """
                    {"answers": {"challenge": "slow-follow-up", "current-tool": "spreadsheets", "sales-team-size": 12,
                     "priority": 5, "features": ["instant-alerts", "scoring"], "timeframe": "this-month", "budget": "over-20k",
                     "role": "decision-maker", "name": "Ana Silva", "email": "ana@acme.example", "company": "Acme",
                     "consent": true, "utm_source": "newsletter"},
                     "language": "en", "referrer": "https://www.example.com/pricing"}""")))
    @APIResponse(
            responseCode = "201",
            description = "Accepted and stored",
            content = @Content(schema = @Schema(implementation = ApiSubmission.Response.class)))
    @APIResponse(
            responseCode = "202",
            description = "Held until the prospect confirms the email address (verify-email)")
    @APIResponse(
            responseCode = "200",
            description = "A repeat of a submission already accepted; nothing new was stored")
    @APIResponse(
            responseCode = "403",
            description = "The form asks for a publishable key or a form token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Answers refused, each with its reason, or an Idempotency-Key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "Too many submissions from this client or for this email address; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "The form file is broken or the database is unavailable; nothing was stored")
    @NonBlocking
    public Uni<Response> submit(
            @PathParam("formId") String formId,
            ApiSubmission.Body body,
            @Parameter(description = "Makes retries safe: the same key returns the first result.")
                    @HeaderParam("Idempotency-Key")
                    String idempotencyKey,
            @Context HttpServerRequest http) {
        String ip = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        // Non-blocking, so that the body is read on the I/O thread as it arrives; a blocking endpoint reads it from
        // the worker, which the I/O thread then wakes for it (a third of the I/O threads' time at the benchmark's
        // maximum). Storing it waits on the database, so it runs on a worker.
        return Uni.createFrom()
                .item(() -> withForm(formId, form -> submissions.submit(form, body, idempotencyKey, ip)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response withForm(String formId, Function<ValidForm, Response> action) {
        LoadedForm loaded = registry.find(formId).orElse(null);
        if (loaded instanceof ValidForm form) {
            return action.apply(form);
        }
        if (loaded instanceof BrokenForm) {
            return Problem.of(503, "Form unavailable", "The form '" + formId + "' is being updated; try again shortly.")
                    .response();
        }
        return Problem.of(404, "No such form", "There is no form '" + formId + "'.")
                .response();
    }
}
