package io.leadgate.leads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.common.Digests;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Score;
import io.leadgate.scoring.ScoringEngine;
import io.leadgate.scoring.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Accepts a submission: checks the answers, then in one transaction finds or creates the lead, stores the
 * submission, consents and timeline, scores the lead on everything it has answered, and queues every message its
 * verdict triggers. Nothing is sent here; the outbox sends once the transaction has committed.
 */
@ApplicationScoped
public class SubmissionService {

    private static final Logger LOG = Logger.getLogger(SubmissionService.class);
    /** A second post of the same answers within this window is a double click or a retry, not a new submission. */
    static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

    private static final int ATTEMPTS = 3;
    private static final TypeReference<Map<String, List<String>>> ANSWERS = new TypeReference<>() {};

    private final SubmissionRouting routing;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    SubmissionService(SubmissionRouting routing, ObjectMapper json, MeterRegistry meters) {
        this.routing = routing;
        this.json = json;
        this.meters = meters;
    }

    /**
     * @throws InvalidAnswersException when the answers break the form's rules; nothing is stored then
     */
    public SubmissionResult accept(ValidForm form, SubmissionRequest request) {
        AnswerValidator.Result checked = AnswerValidator.validate(form.definition(), request.answers());
        if (!checked.isValid()) {
            throw new InvalidAnswersException(checked.errors(), language(form, request));
        }
        return store(form, checked.answers(), request);
    }

    /**
     * Accepts a known lead's answers to a follow-up that asked only some questions: the answers it already gave count
     * towards the form's rules, but only the new ones (and the email that names the lead) are stored, with today's
     * date, so that older answers keep their age.
     *
     * @throws InvalidAnswersException when the answers break the form's rules; nothing is stored then
     */
    public SubmissionResult acceptFollowUp(ValidForm form, String leadPublicId, SubmissionRequest request) {
        FormDefinition definition = form.definition();
        Map<String, List<String>> merged = new LinkedHashMap<>();
        answersOf(leadPublicId, form.id())
                .byQuestion()
                .forEach((question, answer) -> merged.put(question, answer.values()));
        String emailQuestion = definition.emailQuestion().id();
        merged.put(
                emailQuestion,
                List.of(QuarkusTransaction.requiringNew()
                        .call(() -> Lead.byPublicId(leadPublicId)
                                .orElseThrow(() -> new IllegalArgumentException("no such lead"))
                                .email)));
        merged.putAll(request.answers());
        AnswerValidator.Result checked = AnswerValidator.validate(definition, merged);
        if (!checked.isValid()) {
            throw new InvalidAnswersException(checked.errors(), language(form, request));
        }
        Map<String, List<String>> fresh = new LinkedHashMap<>();
        checked.answers().forEach((question, values) -> {
            if (request.answers().containsKey(question) || question.equals(emailQuestion)) {
                fresh.put(question, values);
            }
        });
        return store(form, fresh, request);
    }

    /** The freshest answer the lead gave to each question of this form, with when it was given. */
    public Answers answersOf(String leadPublicId, String formId) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> Lead.byPublicId(leadPublicId)
                        .map(lead -> known(lead.id, formId))
                        .orElse(Answers.NONE));
    }

    /** Every answer the lead gave to this form, the freshest per question, each with when it was given. */
    private Answers known(Long leadId, String formId) {
        Answers known = Answers.NONE;
        if (leadId != null) {
            for (Submission earlier : Submission.ofLead(leadId, formId)) {
                known = known.updatedBy(Answers.at(earlier.submittedAt, parse(earlier.answers)));
            }
        }
        return known;
    }

    private SubmissionResult store(ValidForm form, Map<String, List<String>> answers, SubmissionRequest request) {
        // Two first submissions of one person can race to create the lead; the loser retries and finds it.
        for (int attempt = 1; ; attempt++) {
            try {
                SubmissionResult result =
                        QuarkusTransaction.requiringNew().call(() -> storeOnce(form, answers, request));
                meters.counter(
                                "leadgate.submissions",
                                "form",
                                form.id(),
                                "verdict",
                                result.verdict().key(),
                                "repeated",
                                String.valueOf(result.repeated()))
                        .increment();
                return result;
            } catch (PersistenceException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debugf(
                        "Submission to %s conflicted with a concurrent one (attempt %d); retrying", form.id(), attempt);
            }
        }
    }

    private SubmissionResult storeOnce(ValidForm form, Map<String, List<String>> answers, SubmissionRequest request) {
        FormDefinition definition = form.definition();
        Instant now = Instant.now();
        if (request.idempotencyKey() != null) {
            Optional<Submission> earlier = Submission.byIdempotencyKey(request.idempotencyKey());
            if (earlier.isPresent()) {
                return repeated(earlier.get());
            }
        }
        String email =
                EmailAddress.clean(definition.emailIn(answers).orElseThrow()).orElseThrow();
        String emailKey = EmailAddress.key(email);
        String answersHash = answersHash(form.id(), answers);
        Lead lead = Lead.lockByEmailKey(emailKey).orElse(null);
        String previousVerdict = null;
        if (lead == null) {
            lead = new Lead();
            lead.publicId = UUID.randomUUID().toString();
            lead.emailKey = emailKey;
            lead.createdAt = now;
        } else {
            Optional<Submission> duplicate =
                    Submission.recentDuplicate(lead.id, form.id(), answersHash, now.minus(REPEAT_WINDOW));
            if (duplicate.isPresent()) {
                return repeated(duplicate.get());
            }
            previousVerdict = lead.verdict;
        }

        Map<String, String> hidden = new TreeMap<>();
        definition
                .questions()
                .filter(q -> q.type() == QuestionType.HIDDEN && answers.containsKey(q.id()))
                .forEach(q -> hidden.put(q.id(), answers.get(q.id()).getFirst()));
        Answers all = known(lead.id, form.id()).updatedBy(Answers.at(now, answers));
        Score score = ScoringEngine.score(definition, all, now);

        lead.email = email;
        lead.name = Optional.ofNullable(answers.get("name")).map(List::getFirst).orElse(lead.name);
        lead.formId = form.id();
        lead.score = score.total();
        lead.verdict = score.verdict().key();
        lead.grade = score.grade();
        lead.updatedAt = now;
        lead.persistAndFlush();

        Submission submission = new Submission();
        submission.publicId = UUID.randomUUID().toString();
        submission.leadId = lead.id;
        submission.formId = form.id();
        submission.formVersion = form.version();
        submission.formHash = form.contentHash();
        submission.idempotencyKey = request.idempotencyKey();
        submission.answersHash = answersHash;
        submission.answers = write(answers);
        submission.hiddenFields = write(hidden);
        submission.referrer = request.referrer();
        submission.language = language(form, request);
        submission.score = score.total();
        submission.verdict = score.verdict().key();
        submission.grade = score.grade();
        submission.knockouts = write(score.knockouts());
        submission.ledger = write(score.ledger());
        submission.ip = request.ip();
        submission.submittedAt = now;
        submission.persistAndFlush();

        recordConsents(form, lead, submission, answers, now);
        LeadEvent.record(
                lead.id,
                "submitted",
                form.id() + " " + form.version() + ": " + score.verdict().key() + " with " + score.total()
                        + (score.isKnockedOut() ? ", knockout " + String.join(", ", score.knockouts()) : ""),
                now);

        routing.route(new AcceptedSubmission(
                form,
                lead,
                submission,
                answers,
                hidden,
                all,
                score,
                AcceptedSubmission.eventFor(score.verdict(), previousVerdict),
                Optional.empty()));
        return new SubmissionResult(
                lead.publicId, submission.publicId, score.verdict(), score.total(), score.grade(), false);
    }

    /** The verdict a submission led to, by its public id; empty for an id that was never issued. */
    public Optional<Verdict> verdictOf(String submissionId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Submission.<Submission>find("publicId", submissionId)
                        .firstResultOptional()
                        .map(s -> Verdict.valueOf(s.verdict.toUpperCase())));
    }

    private void recordConsents(
            ValidForm form, Lead lead, Submission submission, Map<String, List<String>> answers, Instant now) {
        String language = submission.language;
        form.definition()
                .questions()
                .filter(q -> q.type() == QuestionType.CONSENT && answers.containsKey(q.id()))
                .forEach(q -> {
                    Consent consent = new Consent();
                    consent.leadId = lead.id;
                    consent.submissionId = submission.id;
                    consent.formId = form.id();
                    consent.formVersion = form.version();
                    consent.questionId = q.id();
                    consent.language = language;
                    consent.textHash = Digests.sha256Hex(q.label().in(language));
                    consent.givenAt = now;
                    consent.ip = submission.ip;
                    consent.persist();
                });
    }

    private static SubmissionResult repeated(Submission earlier) {
        Lead lead = Lead.findById(earlier.leadId);
        return new SubmissionResult(
                lead.publicId,
                earlier.publicId,
                Verdict.valueOf(earlier.verdict.toUpperCase()),
                earlier.score,
                earlier.grade,
                true);
    }

    private static String language(ValidForm form, SubmissionRequest request) {
        List<String> offered = form.definition().languages();
        return request.language() != null && offered.contains(request.language())
                ? request.language()
                : offered.getFirst();
    }

    private static String answersHash(String formId, Map<String, List<String>> answers) {
        return Digests.sha256Hex(formId + "\n" + new TreeMap<>(answers));
    }

    /** Answers as stored in a submission row. */
    Map<String, List<String>> parse(String answers) {
        try {
            return json.readValue(answers, ANSWERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answers are not JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
