package io.leadgate.leads;

import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Verdict;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accepts submissions: checks the answers, then holds them for email confirmation (forms with {@code verify-email})
 * or stores them at once, scoring the lead and queueing what its verdict triggers. Nothing is sent here; the outbox
 * sends once the transaction has committed.
 */
@ApplicationScoped
public class SubmissionService {

    /** What a thank-you page shows for a submission id: the verdict it led to, or that it waits for confirmation. */
    public record Landing(
            Verdict verdict,
            boolean unverifiedRepeat,
            boolean awaitingConfirmation,
            Long experimentId,
            String variant) {}

    private final SubmissionStore store;
    private final EmailVerification verification;

    SubmissionService(SubmissionStore store, EmailVerification verification) {
        this.store = store;
        this.verification = verification;
    }

    /**
     * @throws InvalidAnswersException when the answers break the form's rules; nothing is stored then
     * @throws IdempotencyConflictException when its idempotency key was first used with another body
     */
    public SubmissionResult accept(ValidForm form, SubmissionRequest request) {
        AnswerValidator.Result checked = AnswerValidator.validate(form.definition(), request.answers());
        if (!checked.isValid()) {
            throw new InvalidAnswersException(checked.errors(), SubmissionStore.language(form, request));
        }
        if (form.definition().holdsUntilVerified()) {
            return verification.hold(form, checked.answers(), request);
        }
        return store.store(form, checked.answers(), request, false);
    }

    /**
     * Accepts a known lead's answers to a follow-up that asked only some questions, through a link emailed to the lead
     * (so it speaks for the lead): the answers it already gave count towards the form's rules, but only the new ones
     * (and the email that names the lead) are stored, with today's date, so that older answers keep their age.
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
            throw new InvalidAnswersException(checked.errors(), SubmissionStore.language(form, request));
        }
        Map<String, List<String>> fresh = new LinkedHashMap<>();
        checked.answers().forEach((question, values) -> {
            if (request.answers().containsKey(question) || question.equals(emailQuestion)) {
                fresh.put(question, values);
            }
        });
        return store.store(form, fresh, request, true);
    }

    /** The freshest answer the lead itself gave to each question of this form, with when it was given. */
    public Answers answersOf(String leadPublicId, String formId) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> Lead.byPublicId(leadPublicId)
                        .map(lead -> store.known(lead.id, formId))
                        .orElse(Answers.NONE));
    }

    /** {@link #answersOf} for many leads of one form with one query: each lead's id to its answers. */
    public Map<Long, Answers> answersOf(Collection<Long> leadIds, String formId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Map<Long, Answers> known = new HashMap<>();
            leadIds.forEach(id -> known.put(id, Answers.NONE));
            if (!known.isEmpty()) {
                Submission.getEntityManager()
                        .createQuery(
                                "select s.leadId, s.submittedAt, s.answers from Submission s where s.leadId in ?1"
                                        + " and s.formId = ?2 and s.trust <> ?3 order by s.submittedAt, s.id",
                                Object[].class)
                        .setParameter(1, known.keySet())
                        .setParameter(2, formId)
                        .setParameter(3, Trust.REPEAT)
                        .getResultList()
                        .forEach(row -> known.computeIfPresent(
                                (Long) row[0],
                                (id, answers) ->
                                        answers.updatedBy(Answers.at((Instant) row[1], store.parse((String) row[2])))));
            }
            return known;
        });
    }

    /** What the thank-you page of this submission id shows; empty for an id that was never issued. */
    public Optional<Landing> landing(String submissionId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Submission.<Submission>find("publicId", submissionId)
                        .firstResultOptional()
                        .map(s -> new Landing(
                                Verdict.of(s.verdict), s.trust == Trust.REPEAT, false, s.experimentId, s.variant))
                        .or(() -> verification.isWaiting(submissionId)
                                ? Optional.of(new Landing(null, false, true, null, null))
                                : Optional.empty()));
    }
}
