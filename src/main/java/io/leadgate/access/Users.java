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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Creates users and API tokens, and the first administrator from configuration at start-up. */
@ApplicationScoped
public class Users {

    private static final Logger LOG = Logger.getLogger(Users.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** bcrypt work factor: about 50 ms per sign-in on these machines. */
    static final int COST = 10;

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
        User user = new User();
        user.email = email.strip().toLowerCase(Locale.ROOT);
        user.name = name;
        user.passwordHash = hash(password);
        user.role = role;
        user.createdAt = Instant.now();
        user.persist();
        return user;
    }

    /** Issues an API token acting as the user; the returned value is shown once and never stored. */
    @Transactional
    public String issueToken(long userId, String name) {
        return issueToken(userId, name, null);
    }

    /** Issues an API token that stops working at {@code expiresAt} (null: when revoked). */
    @Transactional
    public String issueToken(long userId, String name, Instant expiresAt) {
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new AccountException("the expiry must lie in the future");
        }
        String token = "lg_" + randomToken(32);
        ApiToken row = new ApiToken();
        row.userId = userId;
        row.name = name;
        row.tokenHash = Digests.sha256Hex(token);
        row.createdAt = Instant.now();
        row.expiresAt = expiresAt;
        row.persist();
        return token;
    }

    /** Revokes one of the user's tokens; it stops working at once. False when the user has no such token. */
    @Transactional
    public boolean revokeToken(long userId, long tokenId) {
        ApiToken token = ApiToken.findById(tokenId);
        if (token == null || token.userId != userId) {
            return false;
        }
        if (token.revokedAt == null) {
            token.revokedAt = Instant.now();
        }
        return true;
    }

    /**
     * Changes what an administrator may change about a user: name, role, a new password, or whether the account is
     * disabled (which stops its sessions and tokens at once). Null arguments leave that part as it is.
     *
     * @throws AccountException when the change would lock everyone out or breaks a rule
     */
    @Transactional
    public User update(long userId, String actingEmail, String name, Role role, String password, Boolean disabled) {
        User user =
                User.<User>findByIdOptional(userId).orElseThrow(() -> new AccountException("there is no such user"));
        boolean self = user.email.equalsIgnoreCase(String.valueOf(actingEmail));
        if (self && Boolean.TRUE.equals(disabled)) {
            throw new AccountException("you cannot disable your own account");
        }
        if (self && role != null && role != user.role) {
            throw new AccountException("you cannot change your own role; ask another administrator");
        }
        boolean losesAdmin = user.role == Role.ADMIN
                && !user.isDisabled()
                && ((role != null && role != Role.ADMIN) || Boolean.TRUE.equals(disabled));
        if (losesAdmin && User.lockActiveWithRole(Role.ADMIN) <= 1) {
            throw new AccountException("this is the last active administrator; make someone else an admin first");
        }
        if (name != null) {
            user.name = name.isBlank() ? null : name.strip();
        }
        if (role != null) {
            user.role = role;
        }
        if (password != null) {
            user.passwordHash = hash(password);
            user.sessionKey = null;
        }
        if (disabled != null) {
            user.disabledAt = disabled ? (user.disabledAt == null ? Instant.now() : user.disabledAt) : null;
            // Enabling the account again must not bring back the sessions it had.
            user.sessionKey = disabled ? null : user.sessionKey;
        }
        return user;
    }

    /** Deletes a user and their tokens; leads keep the rep address they were assigned. */
    @Transactional
    public void delete(long userId, String actingEmail) {
        User user =
                User.<User>findByIdOptional(userId).orElseThrow(() -> new AccountException("there is no such user"));
        if (user.email.equalsIgnoreCase(String.valueOf(actingEmail))) {
            throw new AccountException("you cannot delete your own account");
        }
        if (user.role == Role.ADMIN && !user.isDisabled() && User.lockActiveWithRole(Role.ADMIN) <= 1) {
            throw new AccountException("this is the last active administrator; make someone else an admin first");
        }
        ApiToken.delete("userId", userId);
        user.delete();
    }

    /** Ends every session of this user (sign-out signs out everywhere). */
    @Transactional
    public void endSessions(String email) {
        User.byEmail(email).ifPresent(user -> user.sessionKey = null);
    }

    /** The user's tokens, newest first; never their value, which only its holder has. */
    @Transactional
    public List<ApiToken> tokensOf(long userId) {
        return ApiToken.list("userId = ?1 order by createdAt desc, id desc", userId);
    }

    private static String hash(String password) {
        if (password == null || password.length() < 12) {
            throw new AccountException("a password needs at least 12 characters");
        }
        if (password.length() > 72) {
            throw new AccountException("a password can have at most 72 characters (bcrypt reads no more)");
        }
        return BcryptUtil.bcryptHash(password, COST);
    }

    static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
