package io.leadgate.common;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start the packaged application without what keeps people's data safe: its three secrets (form tokens,
 * nurture links and suppression hashes, sessions and CSRF tokens) and an https public URL. A local trial may say
 * {@code LEADGATE_ALLOW_INSECURE_SETUP=true}; dev mode and tests have their own settings.
 */
@ApplicationScoped
class ProductionReadiness {

    private static final Logger LOG = Logger.getLogger(ProductionReadiness.class);
    static final int MIN_SECRET_LENGTH = 32;

    /** Each secret: its property, the environment variable operators set, and what it protects. */
    private static final List<String[]> SECRETS = List.of(
            new String[] {"leadgate.web.token-secret", "LEADGATE_WEB_TOKEN_SECRET", "signs form tokens"},
            new String[] {
                "leadgate.nurture.secret",
                "LEADGATE_NURTURE_SECRET",
                "signs nurture links and keys the suppression list"
            },
            new String[] {
                "quarkus.http.auth.session.encryption-key",
                "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY",
                "encrypts sessions and keys CSRF tokens"
            });

    private final LeadgateConfig leadgate;
    private final Config config;

    ProductionReadiness(LeadgateConfig leadgate, Config config) {
        this.leadgate = leadgate;
        this.config = config;
    }

    void check(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> missing = problems();
        if (missing.isEmpty()) {
            return;
        }
        if (leadgate.allowInsecureSetup()) {
            LOG.warnf(
                    "LEADGATE_ALLOW_INSECURE_SETUP is on: fine for a local trial, never for real leads. Missing: %s",
                    String.join("; ", missing));
            return;
        }
        String message = "Leadgate does not start in production without: " + String.join("; ", missing)
                + ". Set them the same on every instance, or LEADGATE_ALLOW_INSECURE_SETUP=true for a local trial.";
        LOG.error(message);
        throw new IllegalStateException(message);
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String[] secret : SECRETS) {
            String value = config.getOptionalValue(secret[0], String.class).orElse("");
            if (value.length() < MIN_SECRET_LENGTH) {
                problems.add(secret[1] + " (" + MIN_SECRET_LENGTH + "+ random characters; it " + secret[2] + ")");
            }
        }
        if (!"https".equalsIgnoreCase(leadgate.publicUrl().getScheme())) {
            problems.add("LEADGATE_PUBLIC_URL starting with https:// (it is in every link Leadgate sends)");
        }
        return problems;
    }
}
