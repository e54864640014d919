package io.leadgate.nurture;

import io.leadgate.delivery.Outbox;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidSequence;
import io.leadgate.leads.LeadChanged;
import io.leadgate.leads.LeadEvent;
import io.leadgate.leads.VerdictReached;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/**
 * Who is in which sequence. A submission that ends in nurture enrols its lead, in the submission's own transaction;
 * qualifying, a knockout, unsubscribing, a hard bounce, erasure or an outcome end the enrolment and withdraw any
 * step email still waiting in the outbox.
 */
@ApplicationScoped
public class Enrolments {

    /** The event type of every sequence email in the outbox. */
    static final String STEP_EMAIL = "nurture.step";

    /** How reports and the timeline name the reminder an answer asked for. */
    static final String REMINDER = "reminder";

    private final FormRegistry registry;
    private final Outbox outbox;

    Enrolments(FormRegistry registry, Outbox outbox) {
        this.registry = registry;
        this.outbox = outbox;
    }

    void onVerdict(@Observes VerdictReached verdict) {
        switch (verdict.verdict()) {
            case QUALIFIED, DISQUALIFIED -> {
                // A lead created by this very submission has no enrolment to leave; looking costs a query per lead.
                if (!verdict.newLead()) {
                    exit(
                            verdict.leadId(),
                            verdict.leadPublicId(),
                            verdict.verdict().key());
                }
            }
            case NURTURE -> verdict.nurtureSequence().ifPresent(sequence -> enrol(verdict, sequence));
        }
    }

    private void enrol(VerdictReached verdict, String sequenceId) {
        Instant now = Instant.now();
        Optional<Enrolment> active = Enrolment.lockActiveOf(verdict.leadId());
        if (active.isPresent()) {
            remind(active.get(), verdict.requalifyAt(), now);
            return;
        }
        Enrolment enrolment = new Enrolment();
        enrolment.leadId = verdict.leadId();
        enrolment.formId = verdict.formId();
        enrolment.sequenceId = sequenceId;
        enrolment.language = verdict.language();
        enrolment.nextStep = 0;
        // A sequence that is broken right now still enrols: its steps wait until the file is fixed.
        enrolment.nextDueAt = registry.sequence(sequenceId)
                .filter(ValidSequence.class::isInstance)
                .map(ValidSequence.class::cast)
                .map(s -> now.plus(s.definition().steps().getFirst().delay()))
                .orElse(now);
        enrolment.status = Enrolment.Status.ACTIVE;
        enrolment.enrolledAt = now;
        enrolment.persist();
        LeadEvent.record(verdict.leadId(), "nurture.enrolled", sequenceId, now);
        remind(enrolment, verdict.requalifyAt(), now);
    }

    /**
     * Keeps the enrolment's reminder in step with the lead's latest answers: a new date replaces the old one, and an
     * answer that no longer asks for one ("next quarter" became "later") cancels it.
     */
    private void remind(Enrolment enrolment, Optional<Instant> at, Instant now) {
        Instant before = enrolment.remindAt;
        enrolment.remindAt = at.orElse(null);
        if (enrolment.remindAt != null && !enrolment.remindAt.equals(before)) {
            LeadEvent.record(
                    enrolment.leadId, "nurture.reminder", "invite to re-qualify on " + enrolment.remindAt, now);
        }
        if (enrolment.lastSentAt != null && waitsOnlyForReminder(enrolment)) {
            // The steps all went out: the reminder alone keeps the enrolment going (without one the worker ends it).
            enrolment.nextDueAt = enrolment.remindAt != null ? enrolment.remindAt : now;
        }
    }

    private boolean waitsOnlyForReminder(Enrolment enrolment) {
        return registry.sequence(enrolment.sequenceId)
                .filter(ValidSequence.class::isInstance)
                .map(s -> enrolment.nextStep
                        >= ((ValidSequence) s).definition().steps().size())
                .orElse(false);
    }

    /** Ends the lead's active enrolment, if any, and withdraws its waiting step emails. */
    @Transactional
    public void exit(long leadId, String leadPublicId, String reason) {
        Enrolment.activeOf(leadId).ifPresent(enrolment -> {
            end(enrolment, Enrolment.Status.EXITED, reason, Instant.now());
            outbox.cancelPending(leadPublicId, STEP_EMAIL);
            LeadEvent.record(leadId, "nurture.exited", enrolment.sequenceId + ": " + reason, enrolment.endedAt);
        });
    }

    /** An outcome ends the sequence; erasure removes the lead's enrolments and keeps only a suppression hash. */
    void onLeadChanged(@Observes LeadChanged change) {
        if (change.kind() == LeadChanged.Kind.OUTCOME_RECORDED) {
            exit(change.leadId(), change.leadPublicId(), "outcome");
        } else if (change.kind() == LeadChanged.Kind.ERASING) {
            Enrolment.delete("leadId", change.leadId());
        }
    }

    /** Credits the step the lead last received with what it just did. */
    void creditLastStep(long leadId, NurtureEvent.Kind kind) {
        Enrolment.ofLead(leadId).stream()
                .filter(e -> e.lastSentAt != null)
                .findFirst()
                .flatMap(e -> stepId(e.sequenceId, e.nextStep - 1).map(step -> new String[] {e.sequenceId, step}))
                .ifPresent(step -> NurtureEvent.record(step[0], step[1], kind, Instant.now()));
    }

    /** The id of step {@code index} of a sequence ({@code reminder} just past its steps), if the sequence has it. */
    Optional<String> stepId(String sequenceId, int index) {
        return registry.sequence(sequenceId)
                .filter(ValidSequence.class::isInstance)
                .map(ValidSequence.class::cast)
                .filter(s -> index >= 0 && index <= s.definition().steps().size())
                .map(s -> index == s.definition().steps().size()
                        ? REMINDER
                        : s.definition().steps().get(index).id());
    }

    static void end(Enrolment enrolment, Enrolment.Status status, String reason, Instant now) {
        enrolment.status = status;
        enrolment.exitReason = reason;
        enrolment.nextDueAt = null;
        enrolment.endedAt = now;
    }
}
