package io.leadgate.access;

import io.leadgate.common.Digests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Slows password guessing per account and per client address, across instances: after {@value #FREE} failures in a
 * row for an account (or {@value #FREE_PER_ADDRESS} from one address, where an office may sign in many people), each
 * further attempt must wait twice as long as the one before (up to {@link #LONGEST}), and an attempt made too early
 * is refused before bcrypt runs, so guessing costs the guesser time and the server no CPU.
 */
@ApplicationScoped
class LoginThrottle {

    static final int FREE = 5;
    static final int FREE_PER_ADDRESS = 20;
    static final Duration LONGEST = Duration.ofMinutes(15);
    /** Failures older than this are forgotten. */
    static final Duration MEMORY = Duration.ofHours(1);

    private final EntityManager entities;
    private final byte[] key;

    LoginThrottle(
            EntityManager entities,
            @ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        this.entities = entities;
        byte[] secret = sessionKey.map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        });
        this.key = Digests.hmacSha256(secret, "leadgate-login-throttle");
    }

    /** Whether an attempt for this account from this address may be checked now. */
    boolean allows(String email, String address, Instant now) {
        return QuarkusTransaction.requiringNew()
                .call(() -> subjects(email, address).stream()
                        .noneMatch(subject -> blockedUntil(subject)
                                .filter(until -> until.isAfter(now))
                                .isPresent()));
    }

    /** Counts a failed attempt against the account and the address. */
    void failed(String email, String address, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> {
            fail(subject("account", normalized(email)), FREE, now);
            if (address != null) {
                fail(subject("address", address), FREE_PER_ADDRESS, now);
            }
        });
    }

    /** A right password clears the account's failures (the address keeps its own). */
    void succeeded(String email) {
        QuarkusTransaction.requiringNew()
                .run(() -> entities.createNativeQuery("DELETE FROM login_throttle WHERE subject = ?1")
                        .setParameter(1, subject("account", normalized(email)))
                        .executeUpdate());
    }

    private void fail(String subject, int free, Instant now) {
        List<?> rows = entities.createNativeQuery(
                        "SELECT failures, last_failure_at FROM login_throttle WHERE subject = ?1 FOR UPDATE")
                .setParameter(1, subject)
                .getResultList();
        int failures = 1;
        if (!rows.isEmpty()) {
            Object[] row = (Object[]) rows.getFirst();
            Instant last = instant(row[1]);
            failures = last.isBefore(now.minus(MEMORY)) ? 1 : ((Number) row[0]).intValue() + 1;
        }
        Instant blockedUntil = failures < free ? null : now.plus(wait(failures - free + FREE));
        int updated = entities.createNativeQuery("UPDATE login_throttle SET failures = ?2, last_failure_at = ?3,"
                        + " blocked_until = ?4 WHERE subject = ?1")
                .setParameter(1, subject)
                .setParameter(2, failures)
                .setParameter(3, now)
                .setParameter(4, blockedUntil)
                .executeUpdate();
        if (updated == 0) {
            entities.createNativeQuery("INSERT INTO login_throttle (subject, failures, last_failure_at, blocked_until)"
                            + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                    .setParameter(1, subject)
                    .setParameter(2, failures)
                    .setParameter(3, now)
                    .setParameter(4, blockedUntil)
                    .executeUpdate();
        }
    }

    /** 1 s after the fifth failure, then 2, 4, 8 s... up to fifteen minutes. */
    static Duration wait(int failures) {
        int doublings = Math.min(failures - FREE, 20);
        Duration wait = Duration.ofSeconds(1L << doublings);
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }

    private Optional<Instant> blockedUntil(String subject) {
        List<?> rows = entities.createNativeQuery("SELECT blocked_until FROM login_throttle WHERE subject = ?1")
                .setParameter(1, subject)
                .getResultList();
        return rows.isEmpty() || rows.getFirst() == null ? Optional.empty() : Optional.of(instant(rows.getFirst()));
    }

    private List<String> subjects(String email, String address) {
        return address == null
                ? List.of(subject("account", normalized(email)))
                : List.of(subject("account", normalized(email)), subject("address", address));
    }

    private String subject(String kind, String value) {
        return HexFormat.of()
                .formatHex(Digests.hmacSha256(key, kind + ":" + value))
                .substring(0, 40);
    }

    private static String normalized(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return ((java.time.OffsetDateTime) value).toInstant();
    }
}
