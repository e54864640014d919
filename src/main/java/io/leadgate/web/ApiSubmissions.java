package io.leadgate.web;

import io.leadgate.common.Digests;
import io.leadgate.common.LeadgateConfig;
import io.leadgate.common.Problem;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.ApiAccess;
import io.leadgate.leads.EmailAddress;
import io.leadgate.leads.IdempotencyConflictException;
import io.leadgate.leads.SubmissionRequest;
import io.leadgate.leads.SubmissionResult;
import io.leadgate.leads.SubmissionService;
import io.leadgate.reporting.FunnelEvent;
import io.leadgate.reporting.FunnelEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * JSON submissions from custom front ends, under the same defences as the hosted form: the form's access rule
 * (open, publishable key or form token), the honeypot and the minimum fill time (a trapped bot gets a plausible answer
 * and nothing is stored), rate limits per client address and per email, and an Idempotency-Key bound to its body.
 */
@ApplicationScoped
class ApiSubmissions {

    private static final Logger LOG = Logger.getLogger(ApiSubmissions.class);

    private final SubmissionService submissions;
    private final FormTokens tokens;
    private final RateLimiter limits;
    private final FunnelEvents funnel;
    private final WebConfig web;
    private final LeadgateConfig config;

    ApiSubmissions(
            SubmissionService submissions,
            FormTokens tokens,
            RateLimiter limits,
            FunnelEvents funnel,
            WebConfig web,
            LeadgateConfig config) {
        this.submissions = submissions;
        this.tokens = tokens;
        this.limits = limits;
        this.funnel = funnel;
        this.web = web;
        this.config = config;
    }

    /** A token for a front end that shows the form itself; counted as a view of the form. */
    ApiSubmission.Token token(ValidForm form) {
        FormTokens.Issued issued = tokens.issued(form.id(), Instant.now(), null);
        funnel.record(form.id(), form.version(), FunnelEvent.Type.VIEW, null, FormFlow.visit(issued.nonce()));
        return new ApiSubmission.Token(
                issued.value(), web.tokenTtl().toSeconds(), web.minFillTime().toSeconds());
    }

    /** Accepts the body, or answers with the problem that keeps it from being accepted. */
    Response submit(ValidForm form, ApiSubmission.Body body, String idempotencyKey, String ip) {
        if (body == null || body.answers() == null) {
            return Problem.of(400, "Malformed submission", "The body must be a JSON object with an 'answers' object.")
                    .response();
        }
        List<Problem.FieldError> malformed = new ArrayList<>();
        Map<String, List<String>> answers = body.answerValues(malformed);
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
        if (body.referrer() != null && FormFlow.webAddress(body.referrer()) == null) {
            return new Problem(
                            "about:blank",
                            "Answers refused",
                            422,
                            "The referrer is not a web address; nothing was stored.",
                            List.of(new Problem.FieldError(
                                    "referrer", "must be an http(s) address of up to 2,000 characters")))
                    .response();
        }
        Optional<Response> refused = checkAccess(form, body);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (isTrapped(form, body)) {
            return trapped(form);
        }
        Optional<String> email = form.definition().emailIn(answers).flatMap(EmailAddress::clean);
        if (!limits.allow(ip, email.map(EmailAddress::key).orElse(null))) {
            return Response.fromResponse(Problem.of(
                                    429,
                                    "Too many submissions",
                                    "Many submissions came from here or for this email address in a short time;"
                                            + " nothing was stored. Try again later.")
                            .response())
                    .header("Retry-After", String.valueOf(web.rateWindow().toSeconds()))
                    .build();
        }
        // A form token stands for one showing of the form, so it is good for one submission: its nonce is the
        // idempotency key, and sending it again with the same body only repeats the answer.
        Optional<String> nonce = Optional.ofNullable(body.formToken())
                .flatMap(value -> tokens.verify(value, form.id()))
                .map(FormTokens.Token::nonce);
        String key = nonce.map(value -> "form:" + value)
                .orElse(idempotencyKey == null ? null : "api:" + Digests.sha256Hex(form.id() + "\n" + idempotencyKey));
        SubmissionRequest request = new SubmissionRequest(
                answers, body.language(), body.referrer(), ip, key, key == null ? null : body.hash(form.id(), answers));
        try {
            return response(form, submissions.accept(form, request));
        } catch (IdempotencyConflictException e) {
            return nonce.isPresent()
                    ? Problem.of(
                                    422,
                                    "Form token used",
                                    "This form token was already used for other answers; nothing was stored. Get a new"
                                            + " form token for a new submission.")
                            .response()
                    : Problem.of(
                                    422,
                                    "Idempotency-Key reused",
                                    "This Idempotency-Key was first used with a different body; nothing was stored. Use"
                                            + " a new key for a new submission.")
                            .response();
        }
    }

    /** A publishable key or a form token, when the form asks for one; a token sent anyway must be genuine. */
    private Optional<Response> checkAccess(ValidForm form, ApiSubmission.Body body) {
        ApiAccess access = form.definition().api();
        if (access.access() == ApiAccess.Mode.PUBLISHABLE_KEY
                && access.publishableKeys().stream().noneMatch(key -> sameKey(key, body.publishableKey()))) {
            return Optional.of(Problem.of(
                            403,
                            "Publishable key required",
                            "This form takes JSON submissions only with one of its publishable keys.")
                    .response());
        }
        if (access.access() == ApiAccess.Mode.FORM_TOKEN && body.formToken() == null) {
            return Optional.of(Problem.of(
                            403,
                            "Form token required",
                            "Get a form token from GET /api/forms/" + form.id() + "/token when the form is shown,"
                                    + " and send it as form_token.")
                    .response());
        }
        if (body.formToken() != null) {
            Optional<FormTokens.Token> token = tokens.verify(body.formToken(), form.id());
            if (token.isEmpty()) {
                return Optional.of(Problem.of(
                                403,
                                "Invalid form token",
                                "The form token was altered or is for another" + " form; get a new one.")
                        .response());
            }
            if (token.get().issuedAt().plus(web.tokenTtl()).isBefore(Instant.now())) {
                return Optional.of(Problem.of(
                                422,
                                "Form token expired",
                                "The form was open too long; get a new form" + " token and send the answers again.")
                        .response());
            }
        }
        return Optional.empty();
    }

    private boolean isTrapped(ValidForm form, ApiSubmission.Body body) {
        if (body.honeypot() != null && !body.honeypot().isEmpty()) {
            return true;
        }
        return body.formToken() != null
                && tokens.verify(body.formToken(), form.id())
                        .map(token -> token.issuedAt().plus(web.minFillTime()).isAfter(Instant.now()))
                        .orElse(false);
    }

    /** A bot gets an answer like everyone's, and nothing is stored; nothing in it tells it apart. */
    private Response trapped(ValidForm form) {
        LOG.infof("Trapped a JSON submission to %s", form.id());
        String submissionId = UUID.randomUUID().toString();
        String thankYou = config.baseUrl() + ThankYouLinks.path(form.id(), submissionId);
        if (form.definition().holdsUntilVerified()) {
            return Response.status(202)
                    .entity(new ApiSubmission.Response(
                            null, submissionId, null, null, null, false, false, "pending", thankYou))
                    .type("application/json")
                    .build();
        }
        ApiSubmission.Response response = new ApiSubmission.Response(
                UUID.randomUUID().toString(), submissionId, "nurture", 0, null, false, false, null, thankYou);
        return Response.status(201).entity(response).type("application/json").build();
    }

    private Response response(ValidForm form, SubmissionResult result) {
        ApiSubmission.Response response = new ApiSubmission.Response(
                result.leadId(),
                result.submissionId(),
                result.held() ? null : result.verdict().key(),
                result.held() ? null : result.score(),
                result.grade(),
                result.repeated(),
                result.unverifiedRepeat(),
                result.held() ? "pending" : null,
                config.baseUrl() + ThankYouLinks.path(form.id(), result.submissionId()));
        int status = result.held() ? 202 : result.repeated() ? 200 : 201;
        return Response.status(status).entity(response).type("application/json").build();
    }

    private static boolean sameKey(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
