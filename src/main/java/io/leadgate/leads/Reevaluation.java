package io.leadgate.leads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Score;
import io.leadgate.scoring.ScoringEngine;
import io.leadgate.scoring.Verdict;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores stored qualified leads again as their answers age (decay and half-life): a lead without a deal outcome that
 * no longer reaches its form's qualified threshold moves to nurture, never silently (a timeline entry, the
 * {@code lead.nurtured} webhook and an enrolment). A lead is looked at once a day at most, each in its own transaction
 * under a row lock that other instances skip, so two instances never move a lead twice and a crash loses nothing.
 */
@ApplicationScoped
public class Reevaluation {

    private static final Logger LOG = Logger.getLogger(Reevaluation.class);
    /** How long a lead rests between two looks. */
    static final Duration REST = Duration.ofDays(1);

    private static final int BATCH = 100;
    private static final TypeReference<Map<String, String>> HIDDEN = new TypeReference<>() {};

    private final EntityManager entities;
    private final FormRegistry registry;
    private final SubmissionStore store;
    private final SubmissionRouting routing;
    private final ObjectMapper json;
    private final ReevaluationConfig config;

    Reevaluation(
            EntityManager entities,
            FormRegistry registry,
            SubmissionStore store,
            SubmissionRouting routing,
            ObjectMapper json,
            ReevaluationConfig config) {
        this.entities = entities;
        this.registry = registry;
        this.store = store;
        this.routing = routing;
        this.json = json;
        this.config = config;
    }

    @Scheduled(
            every = "${leadgate.reevaluation.every}",
            delayed = "${leadgate.reevaluation.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int moved = runOnce(Instant.now());
        if (moved > 0) {
            LOG.infof(
                    "Re-evaluation moved %d lead(s) whose answers aged to nurture; next look in %s",
                    moved, config.every());
        }
    }

    /** Looks at every qualified lead due for a look; returns how many moved to nurture. */
    public int runOnce(Instant now) {
        int moved = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Long> due = QuarkusTransaction.requiringNew()
                    .call(() -> entities.createNativeQuery(
                                    "SELECT l.id FROM lead l WHERE l.verdict = 'qualified' AND l.id > ?1"
                                            + " AND (l.reevaluated_at IS NULL OR l.reevaluated_at < ?2)"
                                            + " AND NOT EXISTS (SELECT 1 FROM lead_outcome o WHERE o.lead_id = l.id)"
                                            + " ORDER BY l.id LIMIT ?3",
                                    Long.class)
                            .setParameter(1, from)
                            .setParameter(2, now.minus(REST))
                            .setParameter(3, BATCH)
                            .getResultList());
            if (due.isEmpty()) {
                return moved;
            }
            for (Long leadId : due) {
                try {
                    moved += reevaluate(leadId, now) ? 1 : 0;
                } catch (RuntimeException e) {
                    // One lead that cannot be scored (say, a form changed under it) must not stop the others, nor be
                    // tried again every run: it rests a day like the others.
                    LOG.warnf(
                            "Could not re-evaluate lead %d: %s: %s",
                            leadId, e.getClass().getSimpleName(), e.getMessage());
                    rest(leadId, now);
                }
                after = leadId;
            }
        }
    }

    private void rest(long leadId, Instant now) {
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> entities.createNativeQuery("UPDATE lead SET reevaluated_at = ?1 WHERE id = ?2")
                            .setParameter(1, now)
                            .setParameter(2, leadId)
                            .executeUpdate());
        } catch (RuntimeException e) {
            LOG.debugf(
                    "Could not mark lead %d as looked at: %s",
                    leadId, e.getClass().getSimpleName());
        }
    }

    private boolean reevaluate(long leadId, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> locked = entities.createNativeQuery("SELECT id FROM lead l WHERE id = ?1 AND verdict = 'qualified'"
                            + " AND (reevaluated_at IS NULL OR reevaluated_at < ?2)"
                            + " AND NOT EXISTS (SELECT 1 FROM lead_outcome o WHERE o.lead_id = l.id)"
                            + " FOR UPDATE SKIP LOCKED")
                    .setParameter(1, leadId)
                    .setParameter(2, now.minus(REST))
                    .getResultList();
            if (locked.isEmpty()) {
                return false;
            }
            Lead lead = Lead.findById(leadId);
            lead.reevaluatedAt = now;
            Optional<ValidForm> form = registry.find(lead.formId)
                    .filter(ValidForm.class::isInstance)
                    .map(ValidForm.class::cast);
            List<Submission> own =
                    form.map(f -> Submission.ownOf(lead.id, f.id())).orElse(List.of());
            if (own.isEmpty()) {
                return false;
            }
            FormDefinition definition = form.get().definition();
            Submission latest = own.getLast();
            if (!ages(definition) || !Verdict.QUALIFIED.key().equals(latest.verdict)) {
                // Nothing in this form ages, or the lead's own answers never qualified it (an unverified repeat
                // raised it, which proves nothing and must not start anyone's nurture emails).
                return false;
            }
            Answers known = store.known(lead.id, form.get().id());
            Score score = ScoringEngine.score(definition, known, now);
            if (score.verdict() == Verdict.QUALIFIED) {
                return false;
            }
            if (ScoringEngine.score(definition, known, latest.submittedAt).verdict() != Verdict.QUALIFIED) {
                // The form changed since (a higher threshold, other points): that is a decision for the marketer,
                // not ageing, and does not move leads that sales already has.
                return false;
            }
            moveToNurture(form.get(), lead, latest, known, score, now);
            return true;
        });
    }

    private void moveToNurture(ValidForm form, Lead lead, Submission latest, Answers known, Score score, Instant now) {
        String previous = lead.verdict;
        Score nurtured = new Score(
                score.total(), Verdict.NURTURE, score.grade(), score.knockouts(), score.dimensions(), score.ledger());
        lead.verdict = Verdict.NURTURE.key();
        lead.score = score.total();
        lead.grade = score.grade();
        lead.updatedAt = now;
        LeadEvent.record(
                lead.id,
                "reevaluated",
                previous + " to nurture: as its answers aged, the score fell to " + score.total() + ", below "
                        + form.definition().verdicts().qualified().min(),
                now);
        routing.route(new AcceptedSubmission(
                form,
                lead,
                latest,
                store.parse(latest.answers),
                hidden(latest),
                known,
                nurtured,
                AcceptedSubmission.eventFor(Verdict.NURTURE, previous),
                Optional.empty(),
                latest.trust));
    }

    private static boolean ages(FormDefinition definition) {
        return definition.dimensions().values().stream().anyMatch(d -> d.decay() != null || d.halfLife() != null);
    }

    private Map<String, String> hidden(Submission submission) {
        try {
            return submission.hiddenFields == null ? Map.of() : json.readValue(submission.hiddenFields, HIDDEN);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
