package io.leadgate.leads;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A submission to a form with verify-email, held until the prospect follows the link sent to the address given. */
@Entity
@Table(name = "held_submission")
public class HeldSubmission extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Keys the thank-you page; shown to whoever submitted, so it confirms nothing. */
    @Column(name = "public_id", nullable = false, unique = true)
    public String publicId;

    /** The SHA-256 of the token in the confirmation link, which only the address's owner receives. */
    @Column(name = "token_hash", nullable = false, unique = true)
    public String tokenHash;

    @Column(name = "form_id", nullable = false)
    public String formId;

    @Column(name = "email_key", nullable = false)
    public String emailKey;

    /** The inbox the link went to ({@link EmailAddress#mailbox}), which the daily ceiling counts by. */
    public String mailbox;

    /** JSON: the request as received (answers, language, referrer, ip), to be accepted once confirmed. */
    @Column(nullable = false)
    public String request;

    @Column(name = "idempotency_key", unique = true)
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    /** The content hash of the form text answered (an experiment's variant may differ from the published form). */
    @Column(name = "form_hash")
    public String formHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    /** The submission it became once confirmed. */
    @Column(name = "submission_public_id")
    public String submissionPublicId;

    /** The held submission this link confirms, locked so that two clicks at once confirm it once. */
    static Optional<HeldSubmission> lockByTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    static Optional<HeldSubmission> byPublicId(String publicId) {
        return find("publicId", publicId).firstResultOptional();
    }

    static Optional<HeldSubmission> byIdempotencyKey(String key) {
        return find("idempotencyKey", key).firstResultOptional();
    }

    /** Those still waiting for the address's owner, newest first. */
    public static List<HeldSubmission> waitingFor(String emailKey) {
        return list("emailKey = ?1 and confirmedAt is null order by createdAt desc", emailKey);
    }
}
