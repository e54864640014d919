package io.leadgate.leads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.common.Html;
import io.leadgate.delivery.EmailMessage;
import io.leadgate.delivery.Outbox;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Rep;
import io.leadgate.forms.definition.Route;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.ScoringEngine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follow-up deadlines ({@code routing.qualified.follow-up}): when a qualified lead is alerted to a rep, the time by
 * which that rep must accept it or record an outcome is stored with the alert; every instance polls for passed
 * deadlines, claims each with {@code FOR UPDATE SKIP LOCKED} on the deadline and the lead, and in that one transaction
 * gives the lead to the next rep by the form's strategy (not one who had it, nor one away), queues their alert and the
 * notice to the first rep and the sales addresses in the outbox, notes it on the timeline and starts the next deadline,
 * up to {@code leadgate.follow-up.max-reassignments}. A deadline is worked once, whichever instance and however often
 * they restart: a crash rolls the transaction back and the deadline is still due.
 */
@ApplicationScoped
public class FollowUpDeadlines {

    private static final Logger LOG = Logger.getLogger(FollowUpDeadlines.class);
    private static final int BATCH = 100;
    /** How long a deadline that could not be worked waits before the next try. */
    private static final Duration RETRY = Duration.ofMinutes(5);

    private static final String EVENT = "lead.reassigned";
    private static final TypeReference<Map<String, String>> HIDDEN = new TypeReference<>() {};

    private final EntityManager entities;
    private final FormRegistry registry;
    private final SubmissionStore store;
    private final RepAssigner assigner;
    private final LeadMessages messages;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final FollowUpConfig config;

    FollowUpDeadlines(
            EntityManager entities,
            FormRegistry registry,
            SubmissionStore store,
            RepAssigner assigner,
            LeadMessages messages,
            Outbox outbox,
            ObjectMapper json,
            FollowUpConfig config) {
        this.entities = entities;
        this.registry = registry;
        this.store = store;
        this.assigner = assigner;
        this.messages = messages;
        this.outbox = outbox;
        this.json = json;
        this.config = config;
    }

    /**
     * Notes, in the transaction that queues it, that a qualified lead was alerted to {@code rep}, and starts the
     * route's follow-up deadline unless the lead is already accepted or has an outcome. A deadline already running
     * for the same rep stands (a repeat submission does not give the rep more time); one for another rep ends.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void alerted(Lead lead, Route route, Rep rep, Instant now) {
        FollowUp latest = FollowUp.latestOf(lead.id);
        if (latest != null && latest.dueAt != null) {
            if (latest.repEmail.equalsIgnoreCase(rep.email())) {
                return;
            }
            latest.end("realerted", now);
        }
        Instant due = config.maxReassignments() > 0 && route.assignment() != null && waiting(lead.id, now) == null
                ? route.followUpDue(now).orElse(null)
                : null;
        FollowUp.start(lead.id, rep.email(), 0, now, due);
    }

    @Scheduled(every = "${leadgate.follow-up.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int moved = runOnce(Instant.now());
        if (moved > 0) {
            LOG.infof("Follow-up deadlines passed: %d lead(s) moved to the next rep", moved);
        }
    }

    /** Works every deadline passed by {@code now} that no other instance is working; returns how many leads moved. */
    public int runOnce(Instant now) {
        if (registry.all().isEmpty()) {
            // Forms not loaded yet (the scheduler may start before them): no deadline can be judged without its form.
            return 0;
        }
        int moved = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Long> due;
            try {
                due = QuarkusTransaction.requiringNew()
                        .call(() -> entities.createNativeQuery(
                                        "SELECT id FROM follow_up WHERE due_at <= ?1 AND id > ?2 ORDER BY id LIMIT ?3",
                                        Long.class)
                                .setParameter(1, now)
                                .setParameter(2, from)
                                .setParameter(3, BATCH)
                                .getResultList());
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Cannot look for passed follow-up deadlines (%s); will try again",
                        e.getClass().getSimpleName());
                return moved;
            }
            if (due.isEmpty()) {
                return moved;
            }
            for (Long id : due) {
                try {
                    moved += QuarkusTransaction.requiringNew().call(() -> work(id, now)) ? 1 : 0;
                } catch (RuntimeException e) {
                    LOG.warnf(
                            "Could not work follow-up deadline %d: %s: %s; trying again in %s",
                            id, e.getClass().getSimpleName(), e.getMessage(), RETRY);
                    postpone(id, now);
                }
                after = id;
            }
        }
    }

    private void postpone(long id, Instant now) {
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> entities.createNativeQuery(
                                    "UPDATE follow_up SET due_at = ?1 WHERE id = ?2 AND due_at <= ?3")
                            .setParameter(1, now.plus(RETRY))
                            .setParameter(2, id)
                            .setParameter(3, now)
                            .executeUpdate());
        } catch (RuntimeException e) {
            LOG.debugf(
                    "Could not postpone follow-up deadline %d: %s",
                    id, e.getClass().getSimpleName());
        }
    }

    /** One passed deadline, in the caller's transaction; true when its lead moved to another rep. */
    private boolean work(long id, Instant now) {
        // Both rows are claimed without waiting: a deadline or lead another instance (or a submission) holds is
        // skipped here and looked at again on the next poll, if it is still due then.
        if (entities.createNativeQuery("SELECT id FROM follow_up WHERE id = ?1 AND due_at <= ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, id)
                .setParameter(2, now)
                .getResultList()
                .isEmpty()) {
            return false;
        }
        FollowUp turn = FollowUp.findById(id);
        if (entities.createNativeQuery("SELECT id FROM lead WHERE id = ?1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, turn.leadId)
                .getResultList()
                .isEmpty()) {
            return false;
        }
        Lead lead = Lead.findById(turn.leadId);
        String answered = waiting(lead.id, turn.alertedAt);
        if (answered != null) {
            turn.end(answered, now);
            return false;
        }
        if (!"qualified".equals(lead.verdict)) {
            turn.end("not-qualified", now);
            return false;
        }
        if (!turn.repEmail.equalsIgnoreCase(String.valueOf(lead.assignedRep))) {
            turn.end("moved", now);
            return false;
        }
        Optional<ValidForm> form =
                registry.find(lead.formId).filter(ValidForm.class::isInstance).map(ValidForm.class::cast);
        if (form.isEmpty()) {
            // Broken or gone for now: the lead waits for its form to be fixed rather than move by rules nobody sees.
            turn.dueAt = now.plus(RETRY);
            return false;
        }
        Route route = form.get().definition().routing().qualified();
        if (route.assignment() == null || route.followUp() == null) {
            // The form no longer sets a deadline: nobody asks for this lead to move any more.
            turn.end("form-changed", now);
            return false;
        }
        if (turn.turn >= config.maxReassignments()) {
            turn.end("last-turn", now);
            return false;
        }
        Set<String> tried = FollowUp.repsOfChain(turn);
        Answers known = store.known(lead.id, form.get().id());
        Optional<Rep> next = assigner.reassign(form.get().id(), route.assignment(), known, tried);
        Rep first = RepAssigner.owner(route.assignment(), turn.repEmail).orElseThrow();
        String missed = "not accepted within " + words(route.followUp())
                + (route.workingHours() != null ? " of working hours" : "");
        LinkedHashSet<String> told = new LinkedHashSet<>();
        told.add(first.email());
        told.addAll(route.email());
        if (next.isEmpty()) {
            turn.end("nobody-left", now);
            LeadEvent.record(lead.id, "follow-up.missed", turn.repEmail + ": " + missed + "; no other rep left", now);
            outbox.email(EVENT, lead.publicId, nobodyLeftNotice(lead, form.get(), route, turn, first, missed, told));
            return false;
        }
        Rep rep = next.get();
        turn.end(FollowUp.REASSIGNED, now);
        lead.assignedRep = rep.email();
        lead.updatedAt = now;
        Instant due = turn.turn + 1 < config.maxReassignments()
                ? route.followUpDue(now).orElse(null)
                : null;
        FollowUp.start(lead.id, rep.email(), turn.turn + 1, now, due);
        LeadEvent.record(lead.id, "reassigned", turn.repEmail + " to " + rep.email() + ": " + missed, now);
        outbox.email(EVENT, lead.publicId, alertToNext(lead, form.get(), route, turn, first, rep, missed));
        LeadEvent.record(lead.id, "alert.queued", rep.email(), now);
        outbox.email(EVENT, lead.publicId, notice(lead, form.get(), route, turn, first, rep, missed, told));
        LeadEvent.record(lead.id, "follow-up.notice.queued", String.join(", ", told), now);
        return true;
    }

    /**
     * Why a lead alerted at {@code since} no longer waits for a rep: an outcome, an acceptance (whenever it came), or
     * a "not a fit" given since the alert; null while it waits.
     */
    private String waiting(Long leadId, Instant since) {
        if (!entities.createNativeQuery("SELECT 1 FROM lead_outcome WHERE lead_id = ?1")
                .setParameter(1, leadId)
                .getResultList()
                .isEmpty()) {
            return "outcome";
        }
        List<?> feedback = entities.createNativeQuery("SELECT outcome FROM sales_feedback WHERE lead_id = ?1"
                        + " AND (outcome = 'accepted' OR recorded_at >= ?2)")
                .setParameter(1, leadId)
                .setParameter(2, since)
                .getResultList();
        return feedback.isEmpty() ? null : String.valueOf(feedback.getFirst());
    }

    /** The new rep's alert: the usual sales alert, saying first why the lead comes to them now. */
    private EmailMessage alertToNext(
            Lead lead, ValidForm form, Route route, FollowUp turn, Rep first, Rep rep, String missed) {
        AcceptedSubmission accepted = accepted(form, lead, rep);
        EmailMessage alert = messages.salesEmail(messages.alert(accepted), List.of(rep.email()));
        String why = "Reassigned to you: " + shown(first) + " was alerted at " + time(turn.alertedAt, route)
                + " and the lead was " + missed + ". Please get in touch now.";
        String note = "<p style=\"margin:0 0 16px;padding:8px 12px;background:#dbeafe;border-left:4px solid #1d4ed8\">"
                + Html.escape(why) + "</p>";
        int opening = alert.html().indexOf("<body");
        int body = opening < 0 ? -1 : alert.html().indexOf('>', opening);
        String html = body < 0
                ? note + alert.html()
                : alert.html().substring(0, body + 1) + note + alert.html().substring(body + 1);
        return new EmailMessage(
                alert.to(),
                alert.replyTo(),
                LeadMessages.headerSafe("Reassigned to you: " + alert.subject()),
                why + "\n\n" + alert.text(),
                html);
    }

    private EmailMessage notice(
            Lead lead,
            ValidForm form,
            Route route,
            FollowUp turn,
            Rep first,
            Rep rep,
            String missed,
            Set<String> recipients) {
        String who = who(lead);
        String title = title(form);
        String text = who + " (\"" + title + "\") was alerted to " + shown(first) + " at " + time(turn.alertedAt, route)
                + " and " + missed + ", so Leadgate gave the lead to " + shown(rep)
                + " and alerted them.\n\nThe lead: " + messages.leadUrl(lead) + "\n";
        String html = "<p>" + Html.escape(who) + " (&ldquo;" + Html.escape(title) + "&rdquo;) was alerted to "
                + Html.escape(shown(first)) + " at " + Html.escape(time(turn.alertedAt, route)) + " and "
                + Html.escape(missed) + ", so Leadgate gave the lead to <strong>" + Html.escape(shown(rep))
                + "</strong> and alerted them.</p><p><a href=\"" + Html.escape(messages.leadUrl(lead))
                + "\">Open the lead</a></p>";
        return new EmailMessage(
                new ArrayList<>(recipients),
                null,
                LeadMessages.headerSafe("Reassigned to " + shown(rep) + ": " + who + " via " + title),
                text,
                html);
    }

    private EmailMessage nobodyLeftNotice(
            Lead lead, ValidForm form, Route route, FollowUp turn, Rep first, String missed, Set<String> recipients) {
        String who = who(lead);
        String title = title(form);
        String text = who + " (\"" + title + "\") was alerted to " + shown(first) + " at " + time(turn.alertedAt, route)
                + " and " + missed + ". No other rep is left to take it (the others had it already or are away), so"
                + " it stays with " + shown(first) + ".\n\nThe lead: " + messages.leadUrl(lead) + "\n";
        String html = "<p>" + Html.escape(who) + " (&ldquo;" + Html.escape(title) + "&rdquo;) was alerted to "
                + Html.escape(shown(first)) + " at " + Html.escape(time(turn.alertedAt, route)) + " and "
                + Html.escape(missed) + ". No other rep is left to take it (the others had it already or are away),"
                + " so it stays with " + Html.escape(shown(first)) + ".</p><p><a href=\""
                + Html.escape(messages.leadUrl(lead)) + "\">Open the lead</a></p>";
        return new EmailMessage(
                new ArrayList<>(recipients),
                null,
                LeadMessages.headerSafe("Still not accepted: " + who + " via " + title),
                text,
                html);
    }

    /** The lead as its latest submission on the form showed it, now assigned to {@code rep}. */
    private AcceptedSubmission accepted(ValidForm form, Lead lead, Rep rep) {
        FormDefinition definition = form.definition();
        Submission latest = Submission.<Submission>find(
                        "leadId = ?1 and formId = ?2 order by submittedAt desc, id desc", lead.id, form.id())
                .firstResult();
        if (latest == null) {
            throw new IllegalStateException("lead " + lead.id + " has no submission on its form");
        }
        Answers known = store.known(lead.id, form.id());
        return new AcceptedSubmission(
                form,
                lead,
                latest,
                store.parse(latest.answers),
                hidden(latest),
                known,
                ScoringEngine.score(definition, known, latest.submittedAt),
                "lead.qualified",
                Optional.of(rep),
                latest.trust);
    }

    private Map<String, String> hidden(Submission submission) {
        try {
            return submission.hiddenFields == null ? Map.of() : json.readValue(submission.hiddenFields, HIDDEN);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String who(Lead lead) {
        return lead.name == null ? lead.email : lead.name + " <" + lead.email + ">";
    }

    private static String title(ValidForm form) {
        return form.definition().title().in(form.definition().defaultLanguage());
    }

    private static String shown(Rep rep) {
        return rep.name() == null || rep.name().equals(rep.email())
                ? rep.email()
                : rep.name() + " (" + rep.email() + ")";
    }

    /** A moment as reps read it: in their working hours' time zone, or UTC. */
    static String time(Instant at, Route route) {
        ZoneId zone = route.workingHours() == null
                ? ZoneOffset.UTC
                : ZoneId.of(route.workingHours().timeZone());
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
                .withZone(zone)
                .format(at);
    }

    /** A duration in words: PT15M is "15 minutes", PT1H30M "1 hour 30 minutes". */
    static String words(Duration duration) {
        List<String> parts = new ArrayList<>();
        long days = duration.toDays();
        if (days > 0) {
            parts.add(days + (days == 1 ? " day" : " days"));
        }
        if (duration.toHoursPart() > 0) {
            parts.add(duration.toHoursPart() + (duration.toHoursPart() == 1 ? " hour" : " hours"));
        }
        if (duration.toMinutesPart() > 0) {
            parts.add(duration.toMinutesPart() + (duration.toMinutesPart() == 1 ? " minute" : " minutes"));
        }
        if (duration.toSecondsPart() > 0 || parts.isEmpty()) {
            parts.add(duration.toSecondsPart() + (duration.toSecondsPart() == 1 ? " second" : " seconds"));
        }
        return String.join(" ", parts);
    }
}
