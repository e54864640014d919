package io.leadgate.web;

import io.leadgate.common.Translations;
import io.leadgate.experiments.Experiments;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.leads.AnswerError;
import io.leadgate.leads.AnswerValidator;
import io.leadgate.leads.ConfirmationLimitException;
import io.leadgate.leads.EmailAddress;
import io.leadgate.leads.InvalidAnswersException;
import io.leadgate.leads.SubmissionRequest;
import io.leadgate.leads.SubmissionResult;
import io.leadgate.leads.SubmissionService;
import io.leadgate.reporting.FunnelEvent;
import io.leadgate.reporting.FunnelEvents;
import io.leadgate.reporting.TrafficSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What happens when a prospect opens a form page or posts one of its steps: the view to show, the refusal to give or
 * the submission to accept. Token, fill time, honeypot, expiry, rate limits and funnel events are all decided here;
 * {@link FormPageResource} only maps the result to HTTP.
 */
@ApplicationScoped
class FormFlow {

    private static final Logger LOG = Logger.getLogger(FormFlow.class);

    /** What a post leads to. */
    sealed interface Result {}

    /** Show the form again, at the view's step, with this status. */
    record Show(int status, FormView view) implements Result {}

    /** Refuse the post with a short page. */
    record Refuse(int status, String title, String message, String lang) implements Result {}

    /** Go to the thank-you page of this submission (a made-up one for a trapped bot). */
    record Done(String submissionId, String embedOrigin) implements Result {}

    private final FormTokens tokens;
    private final SubmissionService submissions;
    private final RateLimiter limits;
    private final FunnelEvents funnel;
    private final Experiments experiments;
    private final WebConfig config;

    FormFlow(
            FormTokens tokens,
            SubmissionService submissions,
            RateLimiter limits,
            FunnelEvents funnel,
            Experiments experiments,
            WebConfig config) {
        this.tokens = tokens;
        this.submissions = submissions;
        this.limits = limits;
        this.funnel = funnel;
        this.experiments = experiments;
        this.config = config;
    }

    /**
     * The experiment's variant this visitor sees, when the form runs one: the variant their signed assignment names
     * (passed by the embed, else kept in the form page's cookie), otherwise one drawn by the split.
     */
    Optional<Experiments.Arm> assign(ValidForm published, String passed, String kept) {
        Optional<FormTokens.Variant> earlier =
                tokens.assigned(passed, published.id()).or(() -> tokens.assigned(kept, published.id()));
        return experiments.assign(
                published.id(),
                earlier.map(FormTokens.Variant::experimentId).orElse(null),
                earlier.map(FormTokens.Variant::key).orElse(null));
    }

    /**
     * The first view of a form (or of the experiment's variant {@code arm}), with a fresh token, counted with where it
     * came from; a preview counts nothing in the funnel.
     */
    FormView open(
            ValidForm form,
            Experiments.Arm arm,
            String language,
            Map<String, List<String>> query,
            boolean preview,
            TrafficSource source) {
        FormTokens.Variant variant = arm == null ? null : new FormTokens.Variant(arm.experimentId(), arm.key());
        FormTokens.Issued issued = tokens.issued(form.id(), Instant.now(), variant);
        if (!preview) {
            funnel.view(
                    form.id(),
                    form.version(),
                    visit(issued.nonce()),
                    variant == null ? null : variant.experimentId(),
                    variant == null ? null : variant.key(),
                    source);
        }
        return FormView.of(form, language, issued.value())
                .withAnswers(prefill(form.definition(), query))
                .asPreview(preview)
                .withAssignment(variant == null ? null : tokens.assignment(form.id(), variant));
    }

    /** The form a token's page shows: its experiment's variant, or else the published form. */
    ValidForm shownFor(ValidForm published, FormTokens.Token token) {
        if (token == null || token.variant() == null) {
            return published;
        }
        return experiments
                .arm(
                        published.id(),
                        token.variant().experimentId(),
                        token.variant().key())
                .map(Experiments.Arm::form)
                .orElse(published);
    }

    void record(ValidForm form, FormTokens.Variant variant, FunnelEvent.Type type, String detail, String visit) {
        if (variant == null) {
            funnel.record(form.id(), form.version(), type, detail, visit);
        } else {
            funnel.record(form.id(), form.version(), type, detail, visit, variant.experimentId(), variant.key());
        }
    }

    /** Moves between steps, or accepts the submission on the last one. */
    Result post(ValidForm published, FormPost post, String ip) {
        Optional<FormTokens.Token> token = tokens.verify(post.token(), published.id());
        ValidForm form = shownFor(published, token.orElse(null));
        FormTokens.Variant variant = form == published ? null : token.get().variant();
        FormDefinition definition = form.definition();
        String language = Languages.pick(definition.languages(), post.language(), null);
        PageMessages text = Translations.bundle(PageMessages.class, language);
        Optional<String> stray = post.strayField(definition);
        if (stray.isPresent()) {
            String field = stray.get();
            return new Refuse(
                    400,
                    text.refusedTitle(),
                    FormPost.OWN_FIELDS.contains(field) ? text.sentTwice(field) : text.notInForm(field),
                    language);
        }
        if (token.isEmpty()) {
            return new Refuse(400, text.refusedTitle(), text.damaged(), language);
        }
        boolean expired = token.get().issuedAt().plus(config.tokenTtl()).isBefore(Instant.now());
        Map<String, List<String>> answers = post.answers();
        int step = post.step(definition);
        FormView view = FormView.of(
                        form,
                        language,
                        expired
                                ? tokens.issued(form.id(), Instant.now(), variant)
                                        .value()
                                : post.token())
                .withAnswers(answers)
                .atStep(step)
                .embeddedIn(Embedding.allowedOrigin(form, post.origin()).orElse(null))
                .from(webAddress(post.referrer()));
        StepNavigator steps = new StepNavigator(definition);
        if (post.back()) {
            return new Show(200, view.atStep(steps.previous(step, answers)));
        }
        String visit = visit(token.get().nonce());
        if (!view.isLastStep()) {
            return nextStep(form, variant, view, steps, post, visit);
        }
        if (post.honeypotFilled()
                || token.get().issuedAt().plus(config.minFillTime()).isAfter(Instant.now())) {
            // Bots see the usual thank-you page and create nothing; nothing in the reply tells them apart.
            LOG.infof("Trapped a submission to %s (%s)", form.id(), post.honeypotFilled() ? "honeypot" : "too fast");
            return new Done(UUID.randomUUID().toString(), view.embedOrigin());
        }
        if (expired) {
            return new Show(422, view.withNotice(text.expired()));
        }
        String email = definition.emailIn(answers).flatMap(EmailAddress::clean).orElse(null);
        if (!limits.allow(ip, email == null ? null : EmailAddress.key(email))) {
            return new Refuse(429, text.waitTitle(), text.tooMany(), language);
        }
        SubmissionRequest request = new SubmissionRequest(
                answers, language, view.referrer(), ip, "form:" + token.get().nonce());
        SubmissionResult result;
        try {
            result = submissions.accept(
                    form, variant == null ? request : request.inVariant(variant.experimentId(), variant.key()));
        } catch (InvalidAnswersException e) {
            return invalid(view, steps, e.errors());
        } catch (ConfirmationLimitException e) {
            return new Refuse(429, text.waitTitle(), text.tooManyConfirmations(), language);
        }
        record(
                form,
                variant,
                FunnelEvent.Type.COMPLETE,
                result.held() ? "held" : result.verdict().key(),
                visit);
        return new Done(result.submissionId(), view.embedOrigin());
    }

    private Result nextStep(
            ValidForm form,
            FormTokens.Variant variant,
            FormView view,
            StepNavigator steps,
            FormPost post,
            String visit) {
        int step = view.current();
        AnswerValidator.Result checked = AnswerValidator.validateSteps(form.definition(), step, view.answers());
        if (!checked.isValid()) {
            return invalid(view, steps, checked.errors());
        }
        if (steps.revealsQuestion(step, view.answers(), post.asked())) {
            // Without JavaScript a question that depends on an answer in the same step appears only now: ask it.
            return new Show(200, view);
        }
        if (step == 0) {
            record(form, variant, FunnelEvent.Type.START, null, visit);
        }
        record(form, variant, FunnelEvent.Type.STEP, String.valueOf(step), visit);
        return new Show(200, view.atStep(steps.next(step, view.answers())));
    }

    /** The form again at the first step with a refused answer, each refusal next to its question. */
    private static Show invalid(FormView view, StepNavigator steps, List<AnswerError> errors) {
        int firstStep = errors.stream()
                .filter(error -> error.question() != null)
                .mapToInt(error -> steps.stepOf(error.question()))
                .reduce(view.current(), Math::min);
        return new Show(422, view.atStep(firstStep).withRefusals(errors));
    }

    /** Hidden fields and questions marked {@code prefill} take their value from the query string. */
    static Map<String, List<String>> prefill(FormDefinition form, Map<String, List<String>> query) {
        if (query.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        form.questions()
                .filter(q -> q.type() == QuestionType.HIDDEN || q.prefill())
                .forEach(q -> {
                    List<String> given = query.get(q.queryParameter());
                    String value = given == null || given.isEmpty() ? null : given.getFirst();
                    if (value != null
                            && !value.isBlank()
                            && value.length() <= 500
                            && value.chars().noneMatch(Character::isISOControl)) {
                        values.put(q.id(), List.of(value));
                    }
                });
        return values;
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
}
