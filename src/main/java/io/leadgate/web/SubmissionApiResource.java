package io.leadgate.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadgate.common.LeadgateConfig;
import io.leadgate.common.Problem;
import io.leadgate.forms.BrokenForm;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.LoadedForm;
import io.leadgate.forms.ValidForm;
import io.leadgate.leads.SubmissionRequest;
import io.leadgate.leads.SubmissionResult;
import io.leadgate.leads.SubmissionService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Submissions from custom front ends: the same rules and the same single transaction as the hosted form. */
@Path("/api/forms/{formId}/submissions")
@Tag(name = "Submissions")
public class SubmissionApiResource {

    /** The body a custom front end posts. */
    public record SubmissionBody(
            @Schema(
                    description =
                            "Answers by question id: a string, number or boolean, or a list for multiple choice; hidden fields such as utm_source too.",
                    type = SchemaType.OBJECT,
                    example =
                            "{\"timeframe\": \"this-month\", \"features\": [\"scoring\", \"reports\"], \"email\": \"ana@acme.example\", \"consent\": true}")
            Map<String, JsonNode> answers,

            @Schema(description = "Language the questions were shown in; defaults to the form's first.", example = "en")
            String language,

            @Schema(description = "Page the prospect came from.", example = "https://www.example.com/pricing")
            String referrer) {}

    /** What became of the submission. */
    public record SubmissionResponse(
            String leadId,
            String submissionId,
            String verdict,
            int score,
            String grade,
            boolean repeated,
            String outcomeUrl) {}

    private final FormRegistry registry;
    private final SubmissionService submissions;
    private final LeadgateConfig config;

    SubmissionApiResource(FormRegistry registry, SubmissionService submissions, LeadgateConfig config) {
        this.registry = registry;
        this.submissions = submissions;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            summary = "Submit answers to a form",
            description =
                    "Validates, scores and stores the submission in one transaction and queues what its verdict triggers. "
                            + "Posting the same answers again (or the same Idempotency-Key) returns the first result with repeated=true.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SubmissionBody.class),
                            examples = @ExampleObject(name = "demo-saas", value = """
                    {"answers": {"challenge": "slow-follow-up", "current-tool": "spreadsheets", "sales-team-size": 12,
                     "priority": 5, "features": ["instant-alerts", "scoring"], "timeframe": "this-month", "budget": "over-20k",
                     "role": "decision-maker", "name": "Ana Silva", "email": "ana@acme.example", "company": "Acme",
                     "consent": true, "utm_source": "newsletter"},
                     "language": "en", "referrer": "https://www.example.com/pricing"}""")))
    @APIResponse(
            responseCode = "201",
            description = "Accepted and stored",
            content = @Content(schema = @Schema(implementation = SubmissionResponse.class)))
    @APIResponse(
            responseCode = "200",
            description = "A repeat of a submission already accepted; nothing new was stored")
    @APIResponse(
            responseCode = "404",
            description = "No such form",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Answers refused, each with its reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "The form file is broken or the database is unavailable; nothing was stored")
    public Response submit(
            @PathParam("formId") String formId,
            SubmissionBody body,
            @Parameter(description = "Makes retries safe: the same key returns the first result.")
                    @HeaderParam("Idempotency-Key")
                    String idempotencyKey,
            @Context HttpServerRequest http) {
        LoadedForm loaded = registry.find(formId).orElse(null);
        if (loaded == null) {
            return Problem.of(404, "No such form", "There is no form '" + formId + "'.")
                    .response();
        }
        if (loaded instanceof BrokenForm) {
            return Problem.of(503, "Form unavailable", "The form '" + formId + "' is being updated; try again shortly.")
                    .response();
        }
        if (body == null || body.answers() == null) {
            return Problem.of(400, "Malformed submission", "The body must be a JSON object with an 'answers' object.")
                    .response();
        }
        Map<String, List<String>> answers = new LinkedHashMap<>();
        List<Problem.FieldError> malformed = new ArrayList<>();
        body.answers().forEach((question, value) -> {
            List<String> values = values(value);
            if (values == null) {
                malformed.add(new Problem.FieldError(question, "must be a string, number, boolean or a list of them"));
            } else {
                answers.put(question, values);
            }
        });
        if (!malformed.isEmpty()) {
            return new Problem(
                            "about:blank",
                            "Malformed answers",
                            400,
                            "Some answers have the wrong JSON type.",
                            malformed)
                    .response();
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 100)) {
            return Problem.of(400, "Invalid Idempotency-Key", "Use 1 to 100 characters.")
                    .response();
        }
        SubmissionResult result = submissions.accept(
                (ValidForm) loaded,
                new SubmissionRequest(
                        answers,
                        body.language(),
                        body.referrer(),
                        http.remoteAddress() == null
                                ? null
                                : http.remoteAddress().hostAddress(),
                        idempotencyKey == null ? null : "api:" + formId + ":" + idempotencyKey));
        SubmissionResponse response = new SubmissionResponse(
                result.leadId(),
                result.submissionId(),
                result.verdict().key(),
                result.score(),
                result.grade(),
                result.repeated(),
                config.baseUrl() + ThankYouLinks.path(formId, result.submissionId()));
        return Response.status(result.repeated() ? 200 : 201)
                .entity(response)
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    private static List<String> values(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isValueNode()) {
            return List.of(value.asText());
        }
        if (value.isArray()) {
            List<String> values = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isValueNode() || item.isNull()) {
                    return null;
                }
                values.add(item.asText());
            }
            return values;
        }
        return null;
    }
}
