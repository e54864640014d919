package io.leadgate.leads;

import io.leadgate.delivery.Outbox;
import io.leadgate.forms.FormWebhookEndpoints;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Knockout;
import io.leadgate.forms.definition.NurtureBand;
import io.leadgate.forms.definition.Rep;
import io.leadgate.forms.definition.Route;
import io.leadgate.forms.definition.Webhook;
import io.leadgate.forms.definition.WebhookKind;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Conditions;
import io.leadgate.scoring.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Queues what an accepted submission's verdict triggers, in the submission's transaction: the rep assignment, the
 * sales alert, a nurture enrolment (or leaving one) and the subscribed webhooks.
 */
@ApplicationScoped
class SubmissionRouting {

    private final RepAssigner assigner;
    private final LeadMessages messages;
    private final Outbox outbox;
    private final Event<VerdictReached> verdicts;
    private final FollowUpDeadlines followUps;

    SubmissionRouting(
            RepAssigner assigner,
            LeadMessages messages,
            Outbox outbox,
            Event<VerdictReached> verdicts,
            FollowUpDeadlines followUps) {
        this.assigner = assigner;
        this.messages = messages;
        this.outbox = outbox;
        this.verdicts = verdicts;
        this.followUps = followUps;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void route(AcceptedSubmission submission) {
        route(submission, false);
    }

    /** Routes a submission; {@code newLead} says its lead was created in this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    void route(AcceptedSubmission submission, boolean newLead) {
        AcceptedSubmission accepted = submission.withRep(assign(submission));
        Lead lead = accepted.lead();
        // Now, not the submission's time: a re-evaluation routes a submission made long ago.
        LeadEvent.record(lead.id, accepted.eventType(), null, Instant.now());
        SalesAlert alert = messages.alert(accepted);
        if (accepted.verdict() == Verdict.QUALIFIED) {
            LinkedHashSet<String> recipients = new LinkedHashSet<>(
                    accepted.definition().routing().qualified().email());
            accepted.rep().ifPresent(rep -> recipients.add(rep.email()));
            if (!recipients.isEmpty()) {
                outbox.email(
                        accepted.eventType(), lead.publicId, messages.salesEmail(alert, new ArrayList<>(recipients)));
                LeadEvent.record(lead.id, "alert.queued", String.join(", ", recipients), Instant.now());
                accepted.rep()
                        .ifPresent(rep -> followUps.alerted(
                                lead, accepted.definition().routing().qualified(), rep, Instant.now()));
            }
        }
        // A repeat that proved nothing alerts sales, but it must not end or start the person's own nurture emails.
        if (!accepted.unverifiedRepeat()) {
            fireVerdict(accepted, newLead);
        }
        for (Webhook webhook : accepted.definition().routing().qualified().webhooks()) {
            if (subscribes(webhook, accepted)) {
                String body = webhook.kind() == WebhookKind.STANDARD
                        ? messages.webhookBody(alert)
                        : messages.chatBody(webhook.kind(), alert);
                outbox.webhook(
                        accepted.eventType(),
                        lead.publicId,
                        webhook.host(),
                        FormWebhookEndpoints.key(accepted.form().id(), webhook),
                        body);
            }
        }
    }

    private void fireVerdict(AcceptedSubmission accepted, boolean newLead) {
        Lead lead = accepted.lead();
        verdicts.fire(new VerdictReached(
                lead.id,
                lead.publicId,
                accepted.form().id(),
                accepted.submission().language,
                accepted.verdict(),
                nurtureSequence(accepted),
                accepted.verdict() == Verdict.NURTURE
                        ? requalifyAt(accepted.definition(), accepted.known(), Instant.now())
                        : Optional.empty(),
                newLead));
    }

    /**
     * The earliest future date by which one of the lead's answers asks to invite it to re-qualify ("next quarter"),
     * counted from when that answer was given.
     */
    static Optional<Instant> requalifyAt(FormDefinition definition, Answers known, Instant now) {
        return definition
                .questions()
                .flatMap(question -> known.get(question.id()).stream()
                        .flatMap(answer -> question.options().stream()
                                .filter(option -> answer.values().contains(option.value()))
                                .flatMap(option -> option.requalifyAt(answer.answeredAt()).stream())))
                .filter(at -> at.isAfter(now))
                .min(Comparator.naturalOrder());
    }

    /**
     * A qualified lead gets an owner (the one it has, if the rules still allow); the timeline notes a new one. A repeat
     * that proved nothing keeps the owner the lead has, so that nobody can move a lead to another rep.
     */
    private Optional<Rep> assign(AcceptedSubmission accepted) {
        Route route = accepted.definition().routing().qualified();
        if (accepted.verdict() != Verdict.QUALIFIED || route.assignment() == null) {
            return Optional.empty();
        }
        Lead lead = accepted.lead();
        if (accepted.unverifiedRepeat() && lead.assignedRep != null) {
            return RepAssigner.owner(route.assignment(), lead.assignedRep);
        }
        Optional<Rep> rep =
                assigner.assign(accepted.form().id(), route.assignment(), accepted.known(), lead.assignedRep);
        if (rep.isPresent() && !rep.get().email().equalsIgnoreCase(String.valueOf(lead.assignedRep))) {
            lead.assignedRep = rep.get().email();
            LeadEvent.record(lead.id, "assigned", rep.get().email(), Instant.now());
        }
        return rep;
    }

    private static boolean subscribes(Webhook webhook, AcceptedSubmission accepted) {
        return webhook.events().contains(accepted.eventType())
                && Conditions.holds(webhook.condition(), accepted.known())
                && (webhook.minScore() == null || accepted.score().total() >= webhook.minScore());
    }

    private static Optional<String> nurtureSequence(AcceptedSubmission accepted) {
        if (accepted.verdict() != Verdict.NURTURE) {
            return Optional.empty();
        }
        FormDefinition definition = accepted.definition();
        // A knockout that nurtures may name a sequence of its own ("no plans yet" wants other emails than "later").
        Optional<String> forKnockout = accepted.score().knockouts().stream()
                .map(code -> definition.knockouts().get(code))
                .filter(knockout -> knockout != null && knockout.sequence() != null)
                .map(Knockout::sequence)
                .findFirst();
        if (forKnockout.isPresent()) {
            return forKnockout;
        }
        return nurtureSequence(
                definition.nurture().sequence(),
                definition.nurture().bands(),
                accepted.score().total());
    }

    static Optional<String> nurtureSequence(String sequence, List<NurtureBand> bands, int score) {
        if (sequence != null) {
            return Optional.of(sequence);
        }
        return bands.stream()
                .filter(band -> band.minScore() == null || score >= band.minScore())
                .map(NurtureBand::sequence)
                .findFirst();
    }
}
