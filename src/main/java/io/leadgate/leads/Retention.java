package io.leadgate.leads;

import io.leadgate.forms.Retentions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Enforces each form's {@code retention}: a lead whose last submission to that form is older than it, and who has
 * not submitted to any other form since, is erased like on request (and CRMs are told, {@code lead.erased}).
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final int BATCH = 500;

    private final Retentions retentions;
    private final Erasure erasure;
    private final EntityManager entities;
    private final PrivacyConfig config;

    Retention(Retentions retentions, Erasure erasure, EntityManager entities, PrivacyConfig config) {
        this.retentions = retentions;
        this.erasure = erasure;
        this.entities = entities;
        this.config = config;
    }

    @Scheduled(
            every = "${leadgate.privacy.retention-check}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int erased = runOnce(Instant.now());
        if (erased > 0) {
            LOG.infof(
                    "Retention: erased %d lead(s) past their form's retention (checked every %s)",
                    erased, config.retentionCheck());
        }
    }

    /**
     * Erases every lead past its form's retention at {@code now}, for served forms and for forms removed or broken
     * since (their latest archived version says how long); returns how many. One lead that cannot be erased is
     * logged and skipped, so it never keeps the others.
     */
    public int runOnce(Instant now) {
        int erased = 0;
        List<String> formIds = QuarkusTransaction.requiringNew()
                .call(() -> entities.createQuery("select distinct l.formId from Lead l", String.class)
                        .getResultList());
        for (String formId : formIds) {
            Optional<Duration> kept;
            try {
                kept = QuarkusTransaction.requiringNew().call(() -> retentions.of(formId));
            } catch (RuntimeException e) {
                LOG.errorf(
                        "Retention: cannot tell how long %s keeps its leads (%s); skipped",
                        formId, e.getClass().getSimpleName());
                continue;
            }
            if (kept.isPresent()) {
                erased += erasePast(formId, kept.get(), now);
            }
        }
        return erased;
    }

    private int erasePast(String formId, Duration retention, Instant now) {
        Instant cutoff = now.minus(retention);
        List<String> expired = QuarkusTransaction.requiringNew()
                .call(() -> entities.createQuery(
                                // A repeat that proved nothing is anyone's act, so it cannot keep the person's
                                // data past its time.
                                "select l.publicId from Lead l where l.formId = ?1 and not exists"
                                        + " (select s from Submission s where s.leadId = l.id and s.submittedAt >= ?2"
                                        + " and s.trust <> ?3)",
                                String.class)
                        .setParameter(1, formId)
                        .setParameter(2, cutoff)
                        .setParameter(3, Trust.REPEAT)
                        .setMaxResults(BATCH)
                        .getResultList());
        int erased = 0;
        for (String leadId : expired) {
            try {
                if (erasure.erase(leadId, "retention of " + formId + " (" + retention + ")")
                        .isPresent()) {
                    erased++;
                }
            } catch (RuntimeException e) {
                LOG.errorf(
                        "Retention: lead %s of %s could not be erased (%s); the others go on",
                        leadId, formId, e.getClass().getSimpleName());
            }
        }
        return erased;
    }
}
