package io.leadgate.nurture;

import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.ValidSequence;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.Step;
import io.leadgate.forms.definition.Text;
import io.leadgate.leads.Lead;
import io.leadgate.leads.LeadEvent;
import io.leadgate.leads.SubmissionRequest;
import io.leadgate.leads.SubmissionResult;
import io.leadgate.leads.SubmissionService;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.ProgressiveProfile;
import io.leadgate.scoring.Verdict;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The re-qualification link in nurture emails: a short follow-up that asks a known lead only what is unknown or stale
 * (progressive profiling), prefilled with what is known. Its answers rescore the lead like any submission, so crossing
 * the threshold alerts sales at once ({@code lead.requalified}) and ends the sequence.
 */
@ApplicationScoped
public class Requalification {

    private static final String PURPOSE = "requalify";

    /**
     * One follow-up for one lead: the form it rescores, the questions it asks, their current answers, and the sequence
     * step whose link was followed (for the per-step counts). {@code qualified} leads are already with sales; a lead
     * that {@code canQualify} no more through any answer is offered to talk anyway.
     */
    public record FollowUp(
            String leadId,
            ValidForm form,
            List<Question> questions,
            Map<String, List<String>> prefilled,
            String language,
            String sequenceId,
            String stepId,
            boolean qualified,
            boolean canQualify) {

        /** The form as the follow-up page shows it: one step, with this title, of just the questions asked. */
        public ValidForm page(Text title) {
            FormDefinition full = form.definition();
            List<Question> shown = questions.stream()
                    .map(q -> new Question(
                            q.id(),
                            q.type(),
                            q.label(),
                            q.help(),
                            q.placeholder(),
                            q.required(),
                            q.prefill(),
                            q.param(),
                            q.autocomplete(),
                            q.options(),
                            q.maxPoints(),
                            q.scale(),
                            q.ranges(),
                            q.validation(),
                            null))
                    .toList();
            FormDefinition definition = full.withOnlyStep(new Step("follow-up", title, null, null, shown));
            return new ValidForm(form.id(), form.file(), definition, form.version(), form.contentHash(), form.source());
        }
    }

    private final NurtureSigner signer;
    private final FormRegistry registry;
    private final SubmissionService submissions;
    private final Enrolments enrolments;
    private final NurtureConfig config;

    Requalification(
            NurtureSigner signer,
            FormRegistry registry,
            SubmissionService submissions,
            Enrolments enrolments,
            NurtureConfig config) {
        this.signer = signer;
        this.config = config;
        this.registry = registry;
        this.submissions = submissions;
        this.enrolments = enrolments;
    }

    /** The token of the link in step {@code stepIndex} of a lead's sequence, made now. */
    public String tokenFor(String leadId, int stepIndex) {
        return tokenFor(leadId, stepIndex, Instant.now());
    }

    String tokenFor(String leadId, int stepIndex, Instant madeAt) {
        return signer.token(PURPOSE, leadId + "~" + stepIndex + "~" + madeAt.getEpochSecond());
    }

    /**
     * The follow-up a link opens; empty when the token is forged, signed with a retired secret, older than {@code
     * leadgate.nurture.link-ttl}, or its lead or form is gone.
     */
    public Optional<FollowUp> open(String token) {
        String[] parts = signer.currentValueOf(PURPOSE, token)
                .map(value -> value.split("~"))
                .orElse(new String[0]);
        // Links made before they carried a time (two parts) still open, until the secret is rotated.
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        int stepIndex;
        try {
            stepIndex = Integer.parseInt(parts[1]);
            if (parts.length == 3
                    && Instant.ofEpochSecond(Long.parseLong(parts[2]))
                            .plus(config.linkTtl())
                            .isBefore(Instant.now())) {
                return Optional.empty();
            }
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
        String leadId = parts[0];
        return QuarkusTransaction.requiringNew()
                .call(() -> Lead.byPublicId(leadId).flatMap(lead -> followUp(lead, stepIndex)));
    }

    private Optional<FollowUp> followUp(Lead lead, int stepIndex) {
        Enrolment enrolment = Enrolment.ofLead(lead.id).stream().findFirst().orElse(null);
        String language = enrolment != null ? enrolment.language : null;
        String sequenceId = enrolment != null ? enrolment.sequenceId : null;
        String requalifyForm = registry.sequence(String.valueOf(sequenceId))
                .filter(ValidSequence.class::isInstance)
                .map(s -> ((ValidSequence) s).definition().requalifyForm())
                .orElse(null);
        Optional<ValidForm> form = formNamed(requalifyForm)
                .or(() -> formNamed(enrolment != null ? enrolment.formId : null))
                .or(() -> formNamed(lead.formId));
        if (form.isEmpty()) {
            return Optional.empty();
        }
        FormDefinition definition = form.get().definition();
        Answers known = submissions.answersOf(lead.publicId, form.get().id());
        ProgressiveProfile.FollowUpPlan plan = ProgressiveProfile.followUp(definition, known, Instant.now());
        List<Question> questions = plan.questions();
        if (questions.isEmpty()) {
            // Nothing is missing or stale: offer the questions that score, with today's answers, to say what changed.
            questions = ProgressiveProfile.scoring(definition, known);
        }
        Map<String, List<String>> prefilled = new LinkedHashMap<>();
        for (Question question : questions) {
            known.get(question.id()).ifPresent(answer -> prefilled.put(question.id(), answer.values()));
        }
        String stepId = sequenceId == null
                ? null
                : enrolments.stepId(sequenceId, stepIndex).orElse(null);
        return Optional.of(new FollowUp(
                lead.publicId,
                form.get(),
                questions,
                prefilled,
                language != null && definition.languages().contains(language) ? language : definition.defaultLanguage(),
                sequenceId,
                stepId,
                Verdict.QUALIFIED.key().equals(lead.verdict),
                plan.canQualify()));
    }

    /** Counts a visit of the link, once per lead and step, on the step and the lead's timeline. */
    public void recordClick(FollowUp followUp) {
        if (followUp.stepId() == null) {
            return;
        }
        QuarkusTransaction.requiringNew()
                .run(() -> Lead.byPublicId(followUp.leadId()).ifPresent(lead -> {
                    String detail = followUp.sequenceId() + "/" + followUp.stepId();
                    if (LeadEvent.count("leadId = ?1 and type = ?2 and detail = ?3", lead.id, "nurture.clicked", detail)
                            == 0) {
                        LeadEvent.record(lead.id, "nurture.clicked", detail, Instant.now());
                        NurtureEvent.record(
                                followUp.sequenceId(), followUp.stepId(), NurtureEvent.Kind.CLICKED, Instant.now());
                    }
                }));
    }

    /**
     * Rescores the lead with the follow-up's answers; sales hears at once when it qualifies.
     *
     * @throws io.leadgate.leads.InvalidAnswersException when the answers break the form's rules
     */
    public SubmissionResult submit(FollowUp followUp, Map<String, List<String>> answers, String ip) {
        SubmissionResult result = submissions.acceptFollowUp(
                followUp.form(),
                followUp.leadId(),
                new SubmissionRequest(answers, followUp.language(), null, ip, null));
        if (result.verdict() == Verdict.QUALIFIED && !result.repeated() && followUp.stepId() != null) {
            QuarkusTransaction.requiringNew()
                    .run(() -> NurtureEvent.record(
                            followUp.sequenceId(), followUp.stepId(), NurtureEvent.Kind.REQUALIFIED, Instant.now()));
        }
        return result;
    }

    private Optional<ValidForm> formNamed(String formId) {
        return formId == null
                ? Optional.empty()
                : registry.find(formId).filter(ValidForm.class::isInstance).map(ValidForm.class::cast);
    }
}
