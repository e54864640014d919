package io.leadgate.access;

import io.leadgate.common.Digests;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** Creates users and API tokens, and the first administrator from configuration at start-up. */
@ApplicationScoped
public class Users {

    private static final Logger LOG = Logger.getLogger(Users.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** bcrypt work factor: about 50 ms per sign-in on these machines. */
    private static final int COST = 10;

    private final AccessConfig config;

    Users(AccessConfig config) {
        this.config = config;
    }

    @Transactional
    void createFirstAdmin(@Observes StartupEvent event) {
        if (User.count() > 0) {
            return;
        }
        Optional<String> configured = config.adminPassword().filter(p -> !p.isBlank());
        if (configured.isEmpty() && LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            LOG.error(
                    "There is no back-office user yet: set leadgate.access.admin-password (LEADGATE_ACCESS_ADMIN_PASSWORD, 12+"
                            + " characters) and restart to create the first administrator, " + config.adminEmail()
                            + ".");
            return;
        }
        String password = configured.orElseGet(() -> randomToken(12));
        create(config.adminEmail(), "Administrator", password, Role.ADMIN);
        if (configured.isEmpty()) {
            LOG.infof("Dev mode: sign in at /admin as %s with the password %s", config.adminEmail(), password);
        } else {
            LOG.infof("Created the first administrator from configuration (leadgate.access.admin-email)");
        }
    }

    /** Adds a user; the password is stored only as a bcrypt hash. */
    @Transactional
    public User create(String email, String name, String password, Role role) {
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("a password needs at least 12 characters");
        }
        User user = new User();
        user.email = email.strip().toLowerCase(Locale.ROOT);
        user.name = name;
        user.passwordHash = BcryptUtil.bcryptHash(password, COST);
        user.role = role;
        user.createdAt = Instant.now();
        user.persist();
        return user;
    }

    /** Issues an API token acting as the user; the returned value is shown once and never stored. */
    @Transactional
    public String issueToken(long userId, String name) {
        String token = "lg_" + randomToken(32);
        ApiToken row = new ApiToken();
        row.userId = userId;
        row.name = name;
        row.tokenHash = Digests.sha256Hex(token);
        row.createdAt = Instant.now();
        row.persist();
        return token;
    }

    static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
