package io.leadgate.leads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.common.Digests;
import io.leadgate.common.GroupCommit;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.QuestionType;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Score;
import io.leadgate.scoring.ScoringEngine;
import io.leadgate.scoring.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Stores a checked submission in one transaction: finds or creates the lead, decides what the submission proves
 * ({@link Trust}), scores it, writes the submission, consents and timeline, and routes what its verdict triggers. A
 * repeat that proves nothing is scored on its own answers and touches the lead only to raise its verdict.
 */
@ApplicationScoped
class SubmissionStore {

    private static final Logger LOG = Logger.getLogger(SubmissionStore.class);
    /** A second post of the same answers within this window is a double click or a retry, not a new submission. */
    static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

    private static final int ATTEMPTS = 3;
    private static final TypeReference<Map<String, List<String>>> ANSWERS = new TypeReference<>() {};

    /** A submission waiting for its turn in a group commit. */
    record Job(ValidForm form, Map<String, List<String>> answers, SubmissionRequest request, boolean proven) {}

    private final SubmissionRouting routing;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final GroupCommit<Job, SubmissionResult> groupCommit;

    SubmissionStore(SubmissionRouting routing, ObjectMapper json, MeterRegistry meters, GroupCommitConfig config) {
        this.routing = routing;
        this.json = json;
        this.meters = meters;
        DistributionSummary batches = DistributionSummary.builder("leadgate.submissions.batch")
                .description("Submissions committed together in one transaction")
                .register(meters);
        Counter takenOut = Counter.builder("leadgate.submissions.batch.taken.out")
                .description("Submissions taken out of a failed batch to be stored alone")
                .register(meters);
        this.groupCommit = config.enabled()
                ? new GroupCommit<>(
                        "leadgate-submissions",
                        config.lanes(),
                        config.maxBatch(),
                        this::storeTogether,
                        this::storeAlone,
                        SubmissionStore::databaseUnavailable,
                        new GroupCommit.Observer() {
                            @Override
                            public void committed(int jobs) {
                                batches.record(jobs);
                            }

                            @Override
                            public void tookOut() {
                                takenOut.increment();
                            }
                        })
                : null;
    }

    void stopLanes(@Observes ShutdownEvent event) {
        if (groupCommit != null) {
            groupCommit.stop();
        }
    }

    /**
     * Stores the submission; {@code proven} says a link emailed to the address vouches for the sender. Concurrent
     * submissions share a transaction (group commit), and this returns only after the one holding it has committed.
     *
     * @throws IdempotencyConflictException when the idempotency key was first used with another body
     */
    SubmissionResult store(
            ValidForm form, Map<String, List<String>> answers, SubmissionRequest request, boolean proven) {
        Job job = new Job(form, answers, request, proven);
        if (groupCommit == null || QuarkusTransaction.isActive() || knownKey(request)) {
            // A retry, or a key reused for another body, is answered at once and never costs a batch a rerun.
            return storeAlone(job);
        }
        // One person's submissions share a lane, so lanes never wait for each other's lead rows.
        return groupCommit.submit(job, laneKey(form, answers));
    }

    private static String laneKey(ValidForm form, Map<String, List<String>> answers) {
        return form.definition()
                .emailIn(answers)
                .flatMap(EmailAddress::clean)
                .map(EmailAddress::key)
                .orElse("");
    }

    /** Whether an error says the database cannot be reached or is shutting down (SQLState classes 08 and 57P). */
    static boolean databaseUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean knownKey(SubmissionRequest request) {
        return request.idempotencyKey() != null
                && QuarkusTransaction.requiringNew()
                        .call(() -> Submission.byIdempotencyKey(request.idempotencyKey())
                                .isPresent());
    }

    /** Stores one submission in its own transaction. */
    SubmissionResult storeAlone(Job job) {
        // Two first submissions of one person can race to create the lead; the loser retries and finds it.
        for (int attempt = 1; ; attempt++) {
            try {
                SubmissionResult result = inRequestContext(() -> QuarkusTransaction.requiringNew()
                        .call(() -> storeOnce(job.form(), job.answers(), job.request(), job.proven(), Instant.now())));
                counted(job, result);
                return result;
            } catch (PersistenceException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debugf(
                        "Submission to %s conflicted with a concurrent one (attempt %d); retrying",
                        job.form().id(), attempt);
            }
        }
    }

    /**
     * Stores submissions in one transaction and returns their results in the order given; a failure propagates with
     * the tracker naming its job. Forms are taken in order of their ids, so that two lanes lock the rep loads of
     * several forms in the same order and never wait for each other in a circle.
     */
    List<SubmissionResult> storeTogether(List<Job> jobs, GroupCommit.Tracker<Job> tracker) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> jobs.get(i).form().id()));
        SubmissionResult[] results =
                inRequestContext(() -> QuarkusTransaction.requiringNew().call(() -> {
                    // Every known lead of the batch first, in key order, as one submission would lock its lead before
                    // the rep loads: later jobs' leads must not be locked while this batch holds a form's loads.
                    Lead.lockAllByEmailKeys(jobs.stream()
                            .map(job -> laneKey(job.form(), job.answers()))
                            .filter(key -> !key.isEmpty())
                            .toList());
                    SubmissionResult[] stored = new SubmissionResult[jobs.size()];
                    for (int i : order) {
                        Job job = jobs.get(i);
                        tracker.working(job);
                        stored[i] = storeOnce(job.form(), job.answers(), job.request(), job.proven(), Instant.now());
                    }
                    tracker.finished();
                    return stored;
                }));
        for (int i = 0; i < jobs.size(); i++) {
            counted(jobs.get(i), results[i]);
        }
        return List.of(results);
    }

    private void counted(Job job, SubmissionResult result) {
        meters.counter(
                        "leadgate.submissions",
                        "form",
                        job.form().id(),
                        "verdict",
                        result.verdict().key(),
                        "repeated",
                        String.valueOf(result.repeated()))
                .increment();
    }

    /** Lanes have no request context of their own; what a submission triggers may use request-scoped beans. */
    private static <T> T inRequestContext(Supplier<T> work) {
        ManagedContext context = Arc.container().requestContext();
        if (context.isActive()) {
            return work.get();
        }
        context.activate();
        try {
            return work.get();
        } finally {
            context.terminate();
        }
    }

    SubmissionResult storeOnce(
            ValidForm form, Map<String, List<String>> answers, SubmissionRequest request, boolean proven, Instant now) {
        if (request.idempotencyKey() != null) {
            Optional<Submission> earlier = Submission.byIdempotencyKey(request.idempotencyKey());
            if (earlier.isPresent()) {
                if (request.requestHash() != null && !request.requestHash().equals(earlier.get().requestHash)) {
                    throw new IdempotencyConflictException();
                }
                return repeated(earlier.get());
            }
        }
        FormDefinition definition = form.definition();
        String email =
                EmailAddress.clean(definition.emailIn(answers).orElseThrow()).orElseThrow();
        String emailKey = EmailAddress.key(email);
        String answersHash = answersHash(form.id(), answers);
        Lead lead = Lead.lockByEmailKey(emailKey).orElse(null);
        Trust trust = proven ? Trust.VERIFIED : lead == null ? Trust.FIRST : Trust.REPEAT;
        boolean leadIsNew = lead == null;
        if (leadIsNew) {
            lead = newLead(emailKey, email, now);
        } else {
            Optional<Submission> duplicate = duplicateOf(lead, form.id(), answersHash, trust, now);
            if (duplicate.isPresent()) {
                return repeated(duplicate.get());
            }
        }
        // A repeat that proves nothing is judged on its own answers, so that it reveals nothing earlier ones
        // established.
        Answers all = trust == Trust.REPEAT
                ? Answers.at(now, answers)
                : known(lead.id, form.id()).updatedBy(Answers.at(now, answers));
        Score score = ScoringEngine.score(definition, all, now);
        String previousVerdict = lead.verdict;
        boolean raises =
                previousVerdict == null || Trust.rank(score.verdict()) > Trust.rank(Verdict.of(previousVerdict));
        if (trust != Trust.REPEAT) {
            lead.email = email;
            lead.name =
                    Optional.ofNullable(answers.get("name")).map(List::getFirst).orElse(lead.name);
            lead.formId = form.id();
        }
        if (trust != Trust.REPEAT || raises) {
            lead.score = score.total();
            lead.verdict = score.verdict().key();
            lead.grade = score.grade();
            lead.updatedAt = now;
        }
        if (proven && definition.holdsUntilVerified()) {
            lead.emailVerifiedAt = now;
        }
        if (leadIsNew) {
            // Its row goes in now, before the rep loads are locked: a concurrent first submission of the same person
            // then waits here, on the lead's key, and never holds a form's loads while waiting, so no deadlock.
            lead.persistAndFlush();
        }

        Submission submission = submission(form, lead, answers, request, score, trust, answersHash, now);
        if (trust != Trust.REPEAT) {
            // Consent is the person's own act; a repeat that proves nothing cannot give it for them.
            recordConsents(form, lead, submission, answers, now);
        }
        LeadEvent.record(lead.id, "submitted", describe(form, score, trust, raises, lead), now);
        if (trust != Trust.REPEAT || raises) {
            routing.route(
                    new AcceptedSubmission(
                            form,
                            lead,
                            submission,
                            answers,
                            hiddenFields(definition, answers),
                            all,
                            score,
                            AcceptedSubmission.eventFor(score.verdict(), previousVerdict),
                            Optional.empty(),
                            trust),
                    leadIsNew);
        }
        // Its rows go now, batched: a row refused is blamed on this submission (a batch takes it out and runs the rest
        // again), and a lost race fails here as a PersistenceException that callers retry, not at the commit.
        Lead.flush();
        return new SubmissionResult(
                lead.publicId, submission.publicId, score.verdict(), score.total(), score.grade(), false, trust, false);
    }

    private static Lead newLead(String emailKey, String email, Instant now) {
        Lead lead = new Lead();
        lead.publicId = UUID.randomUUID().toString();
        lead.emailKey = emailKey;
        lead.email = email;
        lead.createdAt = now;
        return lead;
    }

    /**
     * The same answers from the same lead a moment ago: a double click or a retry. A submission that proves nothing
     * is not matched against a verified one, whose score also counts answers it never sent.
     */
    private static Optional<Submission> duplicateOf(
            Lead lead, String formId, String answersHash, Trust trust, Instant now) {
        return Submission.recentDuplicate(lead.id, formId, answersHash, now.minus(REPEAT_WINDOW))
                .filter(earlier -> trust != Trust.REPEAT || earlier.trust != Trust.VERIFIED);
    }

    private Submission submission(
            ValidForm form,
            Lead lead,
            Map<String, List<String>> answers,
            SubmissionRequest request,
            Score score,
            Trust trust,
            String answersHash,
            Instant now) {
        Submission submission = new Submission();
        submission.publicId = UUID.randomUUID().toString();
        submission.leadId = lead.id;
        submission.formId = form.id();
        submission.formVersion = form.version();
        submission.formHash = form.contentHash();
        submission.idempotencyKey = request.idempotencyKey();
        submission.requestHash = request.requestHash();
        submission.answersHash = answersHash;
        submission.answers = write(answers);
        submission.hiddenFields = write(hiddenFields(form.definition(), answers));
        submission.referrer = request.referrer();
        submission.language = language(form, request);
        submission.score = score.total();
        submission.verdict = score.verdict().key();
        submission.grade = score.grade();
        submission.knockouts = write(score.knockouts());
        submission.ledger = write(score.ledger());
        submission.ip = request.ip();
        submission.submittedAt = now;
        submission.trust = trust;
        submission.experimentId = request.experimentId();
        submission.variant = request.variant();
        submission.persist();
        return submission;
    }

    private static String describe(ValidForm form, Score score, Trust trust, boolean raises, Lead lead) {
        String result =
                form.id() + " " + form.version() + ": " + score.verdict().key() + " with " + score.total()
                        + (score.isKnockedOut() ? ", knockout " + String.join(", ", score.knockouts()) : "");
        if (trust != Trust.REPEAT) {
            return result + (trust == Trust.VERIFIED ? " (email verified)" : "");
        }
        return result + " (repeat, email not verified: " + (raises ? "raised the lead to " : "the lead stays ")
                + lead.verdict + ")";
    }

    private static Map<String, String> hiddenFields(FormDefinition definition, Map<String, List<String>> answers) {
        Map<String, String> hidden = new TreeMap<>();
        definition
                .questions()
                .filter(q -> q.type() == QuestionType.HIDDEN && answers.containsKey(q.id()))
                .forEach(q -> hidden.put(q.id(), answers.get(q.id()).getFirst()));
        return hidden;
    }

    /** Every answer the lead itself gave to this form (not unverified repeats), the freshest per question. */
    Answers known(Long leadId, String formId) {
        Answers known = Answers.NONE;
        if (leadId != null) {
            for (Submission earlier : Submission.ownOf(leadId, formId)) {
                known = known.updatedBy(Answers.at(earlier.submittedAt, parse(earlier.answers)));
            }
        }
        return known;
    }

    private static void recordConsents(
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
                Verdict.of(earlier.verdict),
                earlier.score,
                earlier.grade,
                true,
                earlier.trust,
                false);
    }

    static String language(ValidForm form, SubmissionRequest request) {
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

    String write(Object value) {
        try {
            return json.writeValueAsString(value instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
