package io.leadgate.access;

import io.leadgate.common.ClientAddress;
import io.leadgate.common.Digests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing across instances. Every attempt is counted before bcrypt runs, against three subjects: this
 * account from this address ({@value #FREE} free attempts), this address ({@value #FREE_PER_ADDRESS}, where an
 * office signs in many people) and this account from anywhere ({@value #FREE_PER_ACCOUNT}, a ceiling on guessing
 * from many addresses). Past its allowance a subject waits twice as long after each attempt (up to {@link #LONGEST}),
 * and an attempt made while one waits is refused before bcrypt runs, so that guessing costs the guesser time and the
 * server no CPU, however many attempts run at once. A browser that signed in to the account before carries a device
 * cookie and is not held back by the account-wide ceiling, so that strangers who reach it cannot lock the owner out.
 */
@ApplicationScoped
class LoginThrottle {

    static final int FREE = 5;
    static final int FREE_PER_ADDRESS = 20;
    static final int FREE_PER_ACCOUNT = 50;
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

    /**
     * Counts an attempt for this account from this address as failed until {@link #succeeded} says otherwise; false
     * (and nothing counted) while any of its subjects waits.
     */
    boolean attempt(String email, String address, boolean knownDevice, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // Locked in one order, so that concurrent attempts queue here instead of all passing a check at once.
            Map<String, Integer> subjects = subjects(email, address, knownDevice);
            List<Row> rows = new ArrayList<>();
            for (Map.Entry<String, Integer> subject : subjects.entrySet()) {
                Row row = lock(subject.getKey(), now);
                if (row.blockedUntil() != null && row.blockedUntil().isAfter(now)) {
                    return false;
                }
                rows.add(row.counting(subject.getValue(), now));
            }
            rows.forEach(this::save);
            return true;
        });
    }

    /**
     * A right password: the account's slates are wiped, and the address gets back the attempt it spent and any wait
     * that attempt started, since it was no guess.
     */
    void succeeded(String email, String address) {
        QuarkusTransaction.requiringNew().run(() -> {
            // The same order as attempt() takes its locks in.
            String network = ClientAddress.bucket(address);
            delete(subject("pair", normalized(email) + "|" + network));
            if (network != null) {
                entities.createNativeQuery("UPDATE login_throttle SET failures = greatest(failures - 1, 0),"
                                + " blocked_until = NULL WHERE subject = ?1")
                        .setParameter(1, subject("address", network))
                        .executeUpdate();
            }
            delete(subject("account", normalized(email)));
        });
    }

    /** The device cookie's value for this account: proof that this browser signed in to it before. */
    String deviceToken(String email) {
        return HexFormat.of()
                .formatHex(Digests.hmacSha256(key, "device:" + normalized(email)))
                .substring(0, 40);
    }

    boolean isKnownDevice(String email, String cookie) {
        return cookie != null
                && MessageDigest.isEqual(
                        deviceToken(email).getBytes(StandardCharsets.US_ASCII),
                        cookie.getBytes(StandardCharsets.US_ASCII));
    }

    private void delete(String subject) {
        entities.createNativeQuery("DELETE FROM login_throttle WHERE subject = ?1")
                .setParameter(1, subject)
                .executeUpdate();
    }

    /** Forgotten failures leave the table, so that it holds only subjects that tried lately. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forget() {
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew()
                .run(() -> entities.createNativeQuery("DELETE FROM login_throttle WHERE last_failure_at < ?1"
                                + " AND (blocked_until IS NULL OR blocked_until < ?2)")
                        .setParameter(1, now.minus(MEMORY))
                        .setParameter(2, now)
                        .executeUpdate());
    }

    /** A subject's row as it stands, locked for this transaction. */
    private record Row(String subject, int failures, Instant lastFailureAt, Instant blockedUntil) {

        Row counting(int free, Instant now) {
            int counted = lastFailureAt == null || lastFailureAt.isBefore(now.minus(MEMORY)) ? 1 : failures + 1;
            return new Row(
                    subject, counted, now, counted < free ? null : now.plus(LoginThrottle.wait(counted - free + FREE)));
        }
    }

    private Row lock(String subject, Instant now) {
        // The hourly clean-up may delete the row between the insert and the select; then insert again.
        for (int attempt = 1; ; attempt++) {
            entities.createNativeQuery(
                            "INSERT INTO login_throttle (subject, failures, last_failure_at) VALUES (?1, 0, ?2)"
                                    + " ON CONFLICT DO NOTHING")
                    .setParameter(1, subject)
                    .setParameter(2, now.minus(MEMORY).minusSeconds(1))
                    .executeUpdate();
            List<?> rows = entities.createNativeQuery(
                            "SELECT failures, last_failure_at, blocked_until FROM login_throttle WHERE subject = ?1"
                                    + " FOR UPDATE")
                    .setParameter(1, subject)
                    .getResultList();
            if (!rows.isEmpty() || attempt == 3) {
                Object[] row = (Object[]) rows.getFirst();
                return new Row(
                        subject,
                        ((Number) row[0]).intValue(),
                        instant(row[1]),
                        row[2] == null ? null : instant(row[2]));
            }
        }
    }

    private void save(Row row) {
        entities.createNativeQuery("UPDATE login_throttle SET failures = ?2, last_failure_at = ?3, blocked_until = ?4"
                        + " WHERE subject = ?1")
                .setParameter(1, row.subject())
                .setParameter(2, row.failures())
                .setParameter(3, row.lastFailureAt())
                .setParameter(4, row.blockedUntil())
                .executeUpdate();
    }

    /** 1 s after the fifth failure, then 2, 4, 8 s... up to fifteen minutes. */
    static Duration wait(int failures) {
        int doublings = Math.min(failures - FREE, 20);
        Duration wait = Duration.ofSeconds(1L << doublings);
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }

    private Map<String, Integer> subjects(String email, String address, boolean knownDevice) {
        Map<String, Integer> subjects = new LinkedHashMap<>();
        String account = normalized(email);
        String network = ClientAddress.bucket(address);
        subjects.put(subject("pair", account + "|" + network), FREE);
        if (network != null) {
            subjects.put(subject("address", network), FREE_PER_ADDRESS);
        }
        if (!knownDevice) {
            subjects.put(subject("account", account), FREE_PER_ACCOUNT);
        }
        return subjects;
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
