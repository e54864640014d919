package io.leadgate.web;

import io.leadgate.forms.BrokenForm;
import io.leadgate.forms.FormProblem;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.LoadedForm;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.forms.definition.Step;
import io.leadgate.forms.definition.Theme;
import io.leadgate.leads.AnswerError;
import io.leadgate.leads.AnswerValidator;
import io.leadgate.leads.EmailAddress;
import io.leadgate.leads.InvalidAnswersException;
import io.leadgate.leads.SubmissionRequest;
import io.leadgate.leads.SubmissionResult;
import io.leadgate.leads.SubmissionService;
import io.leadgate.reporting.FunnelEvent;
import io.leadgate.reporting.FunnelEvents;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Conditions;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The hosted questionnaire: {@code GET} shows a step, {@code POST} moves between steps or submits. Works without
 * JavaScript through plain POSTs; the browser script only makes the same steps faster.
 */
@Path("/f/{formId}")
public class FormPageResource {

    private static final Logger LOG = Logger.getLogger(FormPageResource.class);
    /** Fields the page itself posts, next to the answers. */
    static final Set<String> OWN_FIELDS =
            Set.of("_token", "_lang", "_step", "_nav", "_hp", "_origin", "_referrer", "_asked");

    private static final Map<String, String> FONTS = Map.of(
            "system", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "sans-serif", "'Helvetica Neue', Arial, sans-serif",
            "serif", "Georgia, 'Times New Roman', serif",
            "rounded", "ui-rounded, 'Nunito', system-ui, sans-serif",
            "monospace", "ui-monospace, 'SFMono-Regular', Menlo, monospace");

    private final FormRegistry registry;
    private final FormTokens tokens;
    private final SubmissionService submissions;
    private final RateLimiter limits;
    private final FunnelEvents funnel;
    private final WebConfig config;
    private final FormPages pages;

    FormPageResource(
            FormRegistry registry,
            FormTokens tokens,
            SubmissionService submissions,
            RateLimiter limits,
            FunnelEvents funnel,
            WebConfig config,
            FormPages pages) {
        this.pages = pages;
        this.registry = registry;
        this.tokens = tokens;
        this.submissions = submissions;
        this.limits = limits;
        this.funnel = funnel;
        this.config = config;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(FormView v);

        static native TemplateInstance unavailable(String formId, List<FormProblem> problems);

        static native TemplateInstance notFound(String formId);

        static native TemplateInstance refused(String title, String message, String lang);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page(
            @PathParam("formId") String formId,
            @QueryParam("lang") String lang,
            @QueryParam("origin") String origin,
            @QueryParam("referrer") String referrer,
            @HeaderParam("Referer") String refererHeader,
            @HeaderParam("Accept-Language") String acceptLanguage,
            @QueryParam("preview") boolean preview,
            @Context UriInfo uri) {
        LoadedForm loaded = registry.find(formId).orElse(null);
        if (!(loaded instanceof ValidForm form)) {
            return missing(formId, loaded);
        }
        String language = Languages.pick(form.definition().languages(), lang, acceptLanguage);
        Map<String, List<String>> prefilled = prefill(form.definition(), uri.getQueryParameters());
        FormTokens.Issued issued = tokens.issued(form.id(), Instant.now());
        String token = issued.value();
        if (!preview) {
            funnel.record(form.id(), form.version(), FunnelEvent.Type.VIEW, null, visit(issued.nonce()));
        }
        String embedOrigin = Embedding.allowedOrigin(form, origin).orElse(null);
        String source = webAddress(referrer != null ? referrer : refererHeader);
        FormView view = new FormView(
                form,
                language,
                0,
                prefilled,
                Map.of(),
                token,
                embedOrigin,
                source,
                null,
                UiText.in(language),
                null,
                preview);
        if (!prefilled.isEmpty()) {
            return page(Response.ok(), form, view);
        }
        return Embedding.framedBy(
                        Response.ok(pages.firstPage(view), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")), form)
                .header("Content-Language", language)
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response post(@PathParam("formId") String formId, String body, @Context HttpServerRequest http) {
        LoadedForm loaded = registry.find(formId).orElse(null);
        if (!(loaded instanceof ValidForm form)) {
            return missing(formId, loaded);
        }
        FormDefinition definition = form.definition();
        Optional<Map<String, List<String>>> parsed = FormBody.parse(body);
        if (parsed.isEmpty()) {
            return refused(
                    form,
                    400,
                    definition.defaultLanguage(),
                    "The form data is not valid UTF-8. Please send it from the form page again.");
        }
        Map<String, List<String>> fields = parsed.get();
        String language = Languages.pick(definition.languages(), single(fields, "_lang"), null);
        UiText text = UiText.in(language);
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            String name = field.getKey();
            if (OWN_FIELDS.contains(name)
                    ? field.getValue().size() > 1
                    : definition.question(name).isEmpty()) {
                return refused(
                        form,
                        400,
                        language,
                        OWN_FIELDS.contains(name)
                                ? "The field " + name + " was sent twice."
                                : "The field '" + name + "' is not part of this form.");
            }
        }
        Optional<FormTokens.Token> token = tokens.verify(single(fields, "_token"), form.id());
        if (token.isEmpty()) {
            return refused(
                    form,
                    400,
                    language,
                    "This form was changed or its page is damaged. Please reload the page and try again.");
        }
        String embedOrigin =
                Embedding.allowedOrigin(form, single(fields, "_origin")).orElse(null);
        String referrer = webAddress(single(fields, "_referrer"));
        Map<String, List<String>> answers = new LinkedHashMap<>();
        fields.forEach((name, values) -> {
            if (!OWN_FIELDS.contains(name)) {
                answers.put(name, values);
            }
        });
        int step = Math.clamp(
                parseInt(single(fields, "_step")), 0, definition.steps().size() - 1);
        String visit = visit(token.get().nonce());
        boolean expired = token.get().issuedAt().plus(config.tokenTtl()).isBefore(Instant.now());
        String freshToken = expired ? tokens.issue(form.id()) : single(fields, "_token");

        if ("back".equals(single(fields, "_nav"))) {
            return page(
                    Response.ok(),
                    form,
                    new FormView(
                            form,
                            language,
                            previousStep(definition, step, answers),
                            answers,
                            Map.of(),
                            freshToken,
                            embedOrigin,
                            referrer,
                            null,
                            text));
        }
        FormView current =
                new FormView(form, language, step, answers, Map.of(), freshToken, embedOrigin, referrer, null, text);
        if (!current.isLastStep()) {
            AnswerValidator.Result checked = AnswerValidator.validateSteps(definition, step, answers, language);
            if (!checked.isValid()) {
                return invalid(
                        form, language, step, answers, checked.errors(), freshToken, embedOrigin, referrer, text);
            }
            if (newQuestionAppeared(definition.steps().get(step), answers, single(fields, "_asked"))) {
                // Without JavaScript a question that depends on an answer in the same step appears only now: ask it.
                return page(Response.ok(), form, current);
            }
            if (step == 0) {
                funnel.record(form.id(), form.version(), FunnelEvent.Type.START, null, visit);
            }
            funnel.record(form.id(), form.version(), FunnelEvent.Type.STEP, String.valueOf(step), visit);
            return page(
                    Response.ok(),
                    form,
                    new FormView(
                            form,
                            language,
                            nextStep(definition, step, answers),
                            answers,
                            Map.of(),
                            freshToken,
                            embedOrigin,
                            referrer,
                            null,
                            text));
        }

        if (!single(fields, "_hp").isEmpty()
                || token.get().issuedAt().plus(config.minFillTime()).isAfter(Instant.now())) {
            // Bots see the usual thank-you page and create nothing; nothing in the reply tells them apart.
            LOG.infof(
                    "Trapped a submission to %s (%s)",
                    form.id(), single(fields, "_hp").isEmpty() ? "too fast" : "honeypot");
            return seeOther(form, UUID.randomUUID().toString(), embedOrigin);
        }
        if (expired) {
            return page(
                    Response.status(422),
                    form,
                    new FormView(
                            form,
                            language,
                            step,
                            answers,
                            Map.of(),
                            freshToken,
                            embedOrigin,
                            referrer,
                            text.get("expired"),
                            text));
        }
        String ip = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        String email = emailOf(definition, answers);
        if (!limits.allowIp(ip) || (email != null && !limits.allowEmail(EmailAddress.key(email)))) {
            return refused(
                    form,
                    429,
                    language,
                    "We received many answers from here in a short time. Please try again in a few minutes.");
        }
        SubmissionResult result;
        try {
            result = submissions.accept(
                    form,
                    new SubmissionRequest(
                            answers,
                            language,
                            referrer,
                            ip,
                            "form:" + token.get().nonce()));
        } catch (InvalidAnswersException e) {
            return invalid(form, language, step, answers, e.errors(), freshToken, embedOrigin, referrer, text);
        }
        funnel.record(
                form.id(),
                form.version(),
                FunnelEvent.Type.COMPLETE,
                result.verdict().key(),
                visit);
        return seeOther(form, result.submissionId(), embedOrigin);
    }

    @GET
    @Path("theme.css")
    @Produces("text/css")
    @Operation(hidden = true)
    public Response theme(@PathParam("formId") String formId) {
        if (!(registry.find(formId).orElse(null) instanceof ValidForm form)) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity("/* no such form */")
                    .build();
        }
        Theme theme = form.definition().theme();
        // Colours are checked as #rrggbb and fonts against a fixed list when the form loads, so this CSS is safe.
        String css = ":root{--lg-primary:" + theme.primaryColor() + ";--lg-background:" + theme.backgroundColor()
                + ";--lg-text:" + theme.textColor() + ";--lg-font:" + FONTS.get(theme.font()) + ";}\n";
        return Response.ok(css).header("Cache-Control", "public, max-age=60").build();
    }

    private Response invalid(
            ValidForm form,
            String language,
            int step,
            Map<String, List<String>> answers,
            List<AnswerError> errors,
            String token,
            String embedOrigin,
            String referrer,
            UiText text) {
        Map<String, String> byQuestion = new LinkedHashMap<>();
        int firstStep = step;
        for (AnswerError error : errors) {
            if (error.question() != null) {
                byQuestion.putIfAbsent(error.question(), error.message());
                firstStep = Math.min(firstStep, stepOf(form.definition(), error.question()));
            }
        }
        return page(
                Response.status(422),
                form,
                new FormView(form, language, firstStep, answers, byQuestion, token, embedOrigin, referrer, null, text));
    }

    private Response page(Response.ResponseBuilder response, ValidForm form, FormView view) {
        return Embedding.framedBy(response.entity(Templates.form(view)), form)
                .header("Content-Language", view.lang())
                .header("Cache-Control", "no-store")
                .build();
    }

    private Response seeOther(ValidForm form, String submissionId, String embedOrigin) {
        String location = OutcomeLinks.path(form.id(), submissionId)
                + (embedOrigin != null ? "?origin=" + URLEncoder.encode(embedOrigin, StandardCharsets.UTF_8) : "");
        return Embedding.framedBy(Response.seeOther(URI.create(location)), form).build();
    }

    private Response refused(ValidForm form, int status, String language, String message) {
        String title = status == 429 ? "Please wait a moment" : "We could not accept this";
        return Embedding.framedBy(Response.status(status).entity(Templates.refused(title, message, language)), form)
                .build();
    }

    private Response missing(String formId, LoadedForm loaded) {
        if (loaded instanceof BrokenForm broken) {
            // Prospects get a kind message; the problems themselves are for the person running dev mode.
            List<FormProblem> shown = LaunchMode.current() == LaunchMode.DEVELOPMENT ? broken.problems() : List.of();
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Templates.unavailable(formId, shown))
                    .header("Retry-After", "300")
                    .build();
        }
        return Response.status(Response.Status.NOT_FOUND)
                .entity(Templates.notFound(formId))
                .build();
    }

    /** Hidden fields and questions marked {@code prefill} take their value from the query string. */
    static Map<String, List<String>> prefill(FormDefinition form, MultivaluedMap<String, String> query) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        form.questions()
                .filter(q -> q.type() == QuestionType.HIDDEN || q.prefill())
                .forEach(q -> {
                    String value = query.getFirst(q.queryParameter());
                    if (value != null
                            && !value.isBlank()
                            && value.length() <= 500
                            && value.chars().noneMatch(Character::isISOControl)) {
                        values.put(q.id(), List.of(value));
                    }
                });
        return values;
    }

    static boolean newQuestionAppeared(Step step, Map<String, List<String>> answers, String asked) {
        Set<String> alreadyAsked = Set.of(asked.split(","));
        Answers known = Answers.at(Instant.EPOCH, answers);
        return step.questions().stream()
                .anyMatch(q -> q.showIf() != null
                        && !alreadyAsked.contains(q.id())
                        && Conditions.holds(q.showIf(), known)
                        && answers.getOrDefault(q.id(), List.of()).stream().allMatch(String::isBlank));
    }

    private static int nextStep(FormDefinition form, int step, Map<String, List<String>> answers) {
        Answers known = Answers.at(Instant.EPOCH, answers);
        for (int i = step + 1; i < form.steps().size(); i++) {
            if (Conditions.holds(form.steps().get(i).showIf(), known)) {
                return i;
            }
        }
        return step;
    }

    private static int previousStep(FormDefinition form, int step, Map<String, List<String>> answers) {
        Answers known = Answers.at(Instant.EPOCH, answers);
        for (int i = step - 1; i >= 0; i--) {
            if (Conditions.holds(form.steps().get(i).showIf(), known)) {
                return i;
            }
        }
        return 0;
    }

    private static int stepOf(FormDefinition form, String question) {
        for (int i = 0; i < form.steps().size(); i++) {
            if (form.steps().get(i).questions().stream().map(Question::id).anyMatch(question::equals)) {
                return i;
            }
        }
        return 0;
    }

    private static String emailOf(FormDefinition form, Map<String, List<String>> answers) {
        return form.questions()
                .filter(q -> q.type() == QuestionType.EMAIL)
                .findFirst()
                .map(q -> answers.getOrDefault(q.id(), List.of()))
                .flatMap(values -> values.isEmpty() ? Optional.empty() : EmailAddress.clean(values.getFirst()))
                .orElse(null);
    }

    /** Groups a visit's funnel events by a digest of the token's nonce: stable for the visit, meaningless otherwise. */
    static String visit(String nonce) {
        return Integer.toHexString(nonce.hashCode());
    }

    /** An http(s) address kept as the submission's source; anything else is dropped. */
    static String webAddress(String value) {
        if (value == null
                || value.length() > 2000
                || !(value.startsWith("https://") || value.startsWith("http://"))
                || value.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return value;
    }

    private static String single(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst();
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
