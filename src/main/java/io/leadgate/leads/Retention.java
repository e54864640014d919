package io.leadgate.leads;

import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Enforces each form's {@code retention}: a lead whose last submission to that form is older than it, and who has
 * not submitted to any other form since, is erased like on request (and CRMs are told, {@code lead.erased}).
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final int BATCH = 500;

    private final FormRegistry registry;
    private final Erasure erasure;
    private final EntityManager entities;
    private final PrivacyConfig config;

    Retention(FormRegistry registry, Erasure erasure, EntityManager entities, PrivacyConfig config) {
        this.registry = registry;
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

    /** Erases every lead past its form's retention at {@code now}; returns how many. */
    public int runOnce(Instant now) {
        int erased = 0;
        for (ValidForm form : registry.valid()) {
            if (form.definition().retention() == null) {
                continue;
            }
            Instant cutoff = now.minus(form.definition().retention());
            List<String> expired = QuarkusTransaction.requiringNew()
                    .call(() -> entities.createQuery(
                                    "select l.publicId from Lead l"
                                            + " where l.formId = ?1 and not exists (select s from Submission s where s.leadId = l.id and s.submittedAt >= ?2)",
                                    String.class)
                            .setParameter(1, form.id())
                            .setParameter(2, cutoff)
                            .setMaxResults(BATCH)
                            .getResultList());
            for (String leadId : expired) {
                if (erasure.erase(
                                leadId,
                                "retention of " + form.id() + " ("
                                        + form.definition().retention() + ")")
                        .isPresent()) {
                    erased++;
                }
            }
        }
        return erased;
    }
}
