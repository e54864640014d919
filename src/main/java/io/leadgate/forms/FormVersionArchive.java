package io.leadgate.forms;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores each new form version in the database once; if the database is away it tries again on the next reload
 * check, so serving forms never waits on it.
 */
@ApplicationScoped
class FormVersionArchive {

    private static final Logger LOG = Logger.getLogger(FormVersionArchive.class);

    private final Set<String> archived = ConcurrentHashMap.newKeySet();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    synchronized void recordPending(List<ValidForm> forms) {
        for (ValidForm form : forms) {
            String key = form.id() + "@" + form.contentHash();
            if (archived.contains(key)) {
                continue;
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> record(form));
                archived.add(key);
                failing.remove(key);
            } catch (RuntimeException e) {
                // Another instance may have archived the same version at the same moment: that is success too.
                if (archivedElsewhere(form)) {
                    archived.add(key);
                    failing.remove(key);
                } else if (failing.add(key)) {
                    LOG.warnf(
                            "Could not archive version %s of form %s yet (%s); will try again",
                            form.version(), form.id(), e.getClass().getSimpleName());
                }
            }
        }
    }

    private static boolean archivedElsewhere(ValidForm form) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> FormVersion.isArchived(form.id(), form.contentHash()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void record(ValidForm form) {
        if (!FormVersion.isArchived(form.id(), form.contentHash())) {
            FormVersion version = new FormVersion();
            version.formId = form.id();
            version.version = form.version();
            version.contentHash = form.contentHash();
            version.source = form.source();
            version.firstLoadedAt = Instant.now();
            version.persist();
        }
    }
}
