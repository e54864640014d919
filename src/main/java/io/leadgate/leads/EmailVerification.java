package io.leadgate.leads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.common.Digests;
import io.leadgate.delivery.Outbox;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.FormVersion;
import io.leadgate.forms.ValidForm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Double opt-in for forms with {@code verify-email}: a submission is held, and a link goes to the address it gives;
 * only following that link (a GET shows a button, the POST confirms) accepts it, as proven. Held submissions that are
 * never confirmed are deleted when they expire; erasing a person deletes theirs.
 */
@ApplicationScoped
public class EmailVerification {

    private static final Logger LOG = Logger.getLogger(EmailVerification.class);
    static final String EMAIL_EVENT = "email.verification";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 3;
    /** Unconfirmed links one address receives per day at most. */
    static final int WAITING_PER_DAY = 3;

    /** Where a confirmation link stands. */
    public enum State {
        WAITING,
        CONFIRMED,
        EXPIRED,
        /** The form is gone or changed so that the held answers no longer fit it. */
        UNAVAILABLE
    }

    /**
     * What a confirmation link opens: its form, the language to speak, the answers it would send (while it waits) and
     * (once confirmed) the submission.
     */
    public record Confirmation(
            State state, String formId, String language, List<SalesAlert.AnswerLine> answers, SubmissionResult result) {

        Confirmation(State state, String formId, String language, SubmissionResult result) {
            this(state, formId, language, List.of(), result);
        }
    }

    private final SubmissionStore store;
    private final LeadMessages messages;
    private final Outbox outbox;
    private final FormRegistry registry;
    private final PrivacyConfig config;
    private final ObjectMapper json;

    EmailVerification(
            SubmissionStore store,
            LeadMessages messages,
            Outbox outbox,
            FormRegistry registry,
            PrivacyConfig config,
            ObjectMapper json) {
        this.store = store;
        this.messages = messages;
        this.outbox = outbox;
        this.registry = registry;
        this.config = config;
        this.json = json;
    }

    /**
     * Holds checked answers and emails the confirmation link, in one transaction.
     *
     * @throws ConfirmationLimitException when the address already has {@value #WAITING_PER_DAY} unconfirmed links
     *     from the last day
     */
    SubmissionResult hold(ValidForm form, Map<String, List<String>> answers, SubmissionRequest request) {
        // Two posts with one idempotency key can race to insert it; the loser retries and finds the winner's.
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> holdOnce(form, answers, request));
            } catch (PersistenceException e) {
                if (attempt == ATTEMPTS || request.idempotencyKey() == null) {
                    throw e;
                }
            }
        }
    }

    private SubmissionResult holdOnce(ValidForm form, Map<String, List<String>> answers, SubmissionRequest request) {
        if (request.idempotencyKey() != null) {
            Optional<HeldSubmission> earlier = HeldSubmission.byIdempotencyKey(request.idempotencyKey());
            if (earlier.isPresent()) {
                if (request.requestHash() != null && !request.requestHash().equals(earlier.get().requestHash)) {
                    throw new IdempotencyConflictException();
                }
                return SubmissionResult.held(earlier.get().publicId);
            }
        }
        String email = EmailAddress.clean(form.definition().emailIn(answers).orElseThrow())
                .orElseThrow();
        Instant now = Instant.now();
        // Anyone can type anyone's address; without a ceiling the form would mail it as often as it is posted.
        String mailbox = EmailAddress.mailbox(EmailAddress.key(email));
        if (HeldSubmission.count(
                        "mailbox = ?1 and confirmedAt is null and createdAt > ?2",
                        mailbox,
                        now.minus(Duration.ofDays(1)))
                >= WAITING_PER_DAY) {
            throw new ConfirmationLimitException();
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        HeldSubmission held = new HeldSubmission();
        held.publicId = UUID.randomUUID().toString();
        held.tokenHash = Digests.sha256Hex(token);
        held.formId = form.id();
        held.formHash = form.contentHash();
        held.emailKey = EmailAddress.key(email);
        held.mailbox = mailbox;
        held.request = write(request.withAnswers(answers));
        held.idempotencyKey = request.idempotencyKey();
        held.requestHash = request.requestHash();
        held.createdAt = now;
        held.expiresAt = now.plus(config.verificationTtl());
        held.persist();
        String language = SubmissionStore.language(form, request);
        outbox.email(
                EMAIL_EVENT,
                subjectRef(held),
                messages.verificationEmail(form, email, language, token, held.expiresAt));
        return SubmissionResult.held(held.publicId);
    }

    /**
     * Where the link stands, without confirming anything (a GET, which link scanners also make); while it waits, with
     * the answers it would send, so that the address's owner sees what they vouch for.
     */
    public Optional<Confirmation> look(String token) {
        return QuarkusTransaction.requiringNew()
                .call(() -> HeldSubmission.<HeldSubmission>find("tokenHash", Digests.sha256Hex(token))
                        .firstResultOptional()
                        .map(held -> {
                            State state = state(held, Instant.now());
                            String language = language(held);
                            List<SalesAlert.AnswerLine> answers = state == State.WAITING
                                    ? registry.find(held.formId)
                                            .filter(ValidForm.class::isInstance)
                                            .map(ValidForm.class::cast)
                                            .map(form -> answerLines(form, read(held.request)))
                                            .orElse(List.of())
                                    : List.of();
                            return new Confirmation(state, held.formId, language, answers, null);
                        }));
    }

    private static List<SalesAlert.AnswerLine> answerLines(ValidForm form, SubmissionRequest request) {
        return SalesAlert.answerLines(form.definition(), request.answers(), SubmissionStore.language(form, request));
    }

    /**
     * "This wasn't me": the held answers and their email are deleted at once; true if there was something to delete.
     * A link already confirmed is past this (the lead page's erasure serves then).
     */
    public boolean discard(String token) {
        return QuarkusTransaction.requiringNew()
                .call(() -> HeldSubmission.lockByTokenHash(Digests.sha256Hex(token))
                        .filter(held -> held.confirmedAt == null)
                        .map(held -> {
                            outbox.eraseAbout(subjectRef(held));
                            held.delete();
                            LOG.infof(
                                    "A confirmation link was declined; its held submission to %s is deleted",
                                    held.formId);
                            return true;
                        })
                        .orElse(false));
    }

    /** Accepts the held submission as proven, once however often the link is followed; empty for an unknown link. */
    public Optional<Confirmation> confirm(String token) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> confirmOnce(Digests.sha256Hex(token)));
            } catch (PersistenceException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Optional<Confirmation> confirmOnce(String tokenHash) {
        Optional<HeldSubmission> found = HeldSubmission.lockByTokenHash(tokenHash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        HeldSubmission held = found.get();
        String language = language(held);
        if (held.confirmedAt != null) {
            return Optional.of(new Confirmation(State.CONFIRMED, held.formId, language, storedResult(held)));
        }
        if (state(held, Instant.now()) == State.EXPIRED) {
            return Optional.of(new Confirmation(State.EXPIRED, held.formId, language, null));
        }
        SubmissionRequest request = read(held.request);
        Optional<ValidForm> form = answered(held, request);
        AnswerValidator.Result checked = form.map(f -> AnswerValidator.validate(f.definition(), request.answers()))
                .orElse(null);
        if (checked == null || !checked.isValid()) {
            return Optional.of(new Confirmation(State.UNAVAILABLE, held.formId, language, null));
        }
        SubmissionResult result = store.storeOnce(form.get(), checked.answers(), request, true, Instant.now());
        held.confirmedAt = Instant.now();
        held.submissionPublicId = result.submissionId();
        return Optional.of(new Confirmation(State.CONFIRMED, held.formId, language, result));
    }

    /**
     * The form the held answers are checked and scored by: the published one, or, for an experiment's variant, the
     * exact text the prospect answered (archived like every served version).
     */
    private Optional<ValidForm> answered(HeldSubmission held, SubmissionRequest request) {
        Optional<ValidForm> published =
                registry.find(held.formId).filter(ValidForm.class::isInstance).map(ValidForm.class::cast);
        if (request.experimentId() == null
                || held.formHash == null
                || published.map(f -> f.contentHash().equals(held.formHash)).orElse(false)) {
            return published;
        }
        return FormVersion.sourceOf(held.formId, held.formHash)
                .map(source -> registry.loadDraft(held.formId, source.getBytes(StandardCharsets.UTF_8)))
                .filter(ValidForm.class::isInstance)
                .map(ValidForm.class::cast)
                .or(() -> published);
    }

    private static SubmissionResult storedResult(HeldSubmission held) {
        Submission submission =
                Submission.<Submission>find("publicId", held.submissionPublicId).firstResult();
        if (submission == null) {
            return null;
        }
        Lead lead = Lead.findById(submission.leadId);
        return new SubmissionResult(
                lead == null ? null : lead.publicId,
                submission.publicId,
                io.leadgate.scoring.Verdict.of(submission.verdict),
                submission.score,
                submission.grade,
                true,
                submission.trust,
                false);
    }

    /** Whether the held submission with this public id still waits for its confirmation. */
    boolean isWaiting(String publicId) {
        return HeldSubmission.byPublicId(publicId)
                .map(held -> state(held, Instant.now()) == State.WAITING)
                .orElse(false);
    }

    /** Erasure: a person's held submissions and their confirmation emails go with the rest. */
    void onLeadChanged(@Observes LeadChanged change) {
        if (change.kind() == LeadChanged.Kind.ERASING) {
            Lead.<Lead>findByIdOptional(change.leadId()).ifPresent(lead -> erase(lead.emailKey));
        }
    }

    /** Deletes every held submission of this email key and the emails about them; returns how many. */
    int erase(String emailKey) {
        List<HeldSubmission> held = HeldSubmission.list("emailKey", emailKey);
        held.forEach(h -> {
            outbox.eraseAbout(subjectRef(h));
            h.delete();
        });
        return held.size();
    }

    /** Unconfirmed submissions are deleted when their link expires; confirmed ones when the link would have. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteExpired() {
        int deleted = deleteExpired(Instant.now());
        if (deleted > 0) {
            LOG.infof("Deleted %d held submission(s) whose confirmation link expired", deleted);
        }
    }

    /** Deletes held submissions expired by {@code now}; returns how many. */
    public int deleteExpired(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<HeldSubmission> expired = HeldSubmission.list("expiresAt < ?1", now);
            expired.forEach(h -> {
                outbox.eraseAbout(subjectRef(h));
                h.delete();
            });
            return expired.size();
        });
    }

    private static State state(HeldSubmission held, Instant now) {
        if (held.confirmedAt != null) {
            return State.CONFIRMED;
        }
        return held.expiresAt.isBefore(now) ? State.EXPIRED : State.WAITING;
    }

    private String language(HeldSubmission held) {
        return read(held.request).language();
    }

    private static String subjectRef(HeldSubmission held) {
        return "held:" + held.publicId;
    }

    private String write(SubmissionRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SubmissionRequest read(String request) {
        try {
            return json.readValue(request, SubmissionRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a held submission is unreadable", e);
        }
    }
}
