package io.leadgate.leads;

import io.leadgate.common.SqlRows;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** One person who answered a questionnaire, with their current score, verdict and owner. */
@Entity
@Table(name = "lead")
public class Lead extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lead_ids")
    @SequenceGenerator(name = "lead_ids", sequenceName = "lead_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "public_id", nullable = false, unique = true)
    public String publicId;

    @Column(nullable = false)
    public String email;

    @Column(name = "email_key", nullable = false, unique = true)
    public String emailKey;

    public String name;

    @Column(name = "form_id", nullable = false)
    public String formId;

    @Column(nullable = false)
    public int score;

    @Column(nullable = false)
    public String verdict;

    public String grade;

    @Column(name = "assigned_rep")
    public String assignedRep;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When a confirmation link last proved that the address belongs to whoever submitted; null if never. */
    @Column(name = "email_verified_at")
    public Instant emailVerifiedAt;

    /** When the re-evaluation job last scored the lead again; null if never. */
    @Column(name = "reevaluated_at")
    public Instant reevaluatedAt;

    /** The lead with this email key, locked until the transaction ends so that its submissions queue up. */
    public static Optional<Lead> lockByEmailKey(String emailKey) {
        // Plain SQL, then a load by id: Hibernate translated the locking query again at every call, a fifth of storing
        // a submission (JFR at the benchmark's maximum). Pending changes are not flushed first: callers have none.
        return SqlRows.rows(
                        getEntityManager(),
                        "SELECT id FROM lead WHERE email_key IN (:values) FOR NO KEY UPDATE",
                        List.of(emailKey))
                .stream()
                .findFirst()
                .map(row -> findById(((Number) row[0]).longValue()));
    }

    /** Locks the leads with these email keys, in the order of their keys, until the transaction ends. */
    public static void lockAllByEmailKeys(Collection<String> emailKeys) {
        SqlRows.firstColumn(
                getEntityManager(),
                "SELECT email_key FROM lead WHERE email_key IN (:values) ORDER BY email_key FOR NO KEY UPDATE",
                new TreeSet<>(emailKeys));
    }

    /** The lead with this public id, locked until the transaction ends. */
    public static Optional<Lead> lockByPublicId(String publicId) {
        return find("publicId", publicId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public static Optional<Lead> byPublicId(String publicId) {
        return find("publicId", publicId).firstResultOptional();
    }
}
