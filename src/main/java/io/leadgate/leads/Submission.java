package io.leadgate.leads;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One questionnaire as a lead sent it: the form version, the answers, and the score and verdict they led to. */
@Entity
@Table(name = "submission")
public class Submission extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "submission_ids")
    @SequenceGenerator(name = "submission_ids", sequenceName = "submission_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "public_id", nullable = false, unique = true)
    public String publicId;

    @Column(name = "lead_id", nullable = false)
    public Long leadId;

    @Column(name = "form_id", nullable = false)
    public String formId;

    @Column(name = "form_version", nullable = false)
    public String formVersion;

    @Column(name = "form_hash", nullable = false)
    public String formHash;

    @Column(name = "idempotency_key", unique = true)
    public String idempotencyKey;

    @Column(name = "answers_hash", nullable = false)
    public String answersHash;

    /** JSON object: question id to the list of values given. */
    @Column(nullable = false)
    public String answers;

    /** JSON object: hidden field (UTM and the like) to value. */
    @Column(name = "hidden_fields", nullable = false)
    public String hiddenFields;

    public String referrer;

    public String language;

    @Column(nullable = false)
    public int score;

    @Column(nullable = false)
    public String verdict;

    public String grade;

    /** JSON array of knockout reason codes. */
    @Column(nullable = false)
    public String knockouts;

    /** JSON array of ledger lines: why the score is what it is. */
    @Column(nullable = false)
    public String ledger;

    public String ip;

    /** The experiment and variant the prospect answered, if the form ran one. */
    @Column(name = "experiment_id")
    public Long experimentId;

    public String variant;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    /** What the submission proves about who sent it. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Trust trust;

    /** The hash of the body first sent with its Idempotency-Key, if it had one from the API. */
    @Column(name = "request_hash")
    public String requestHash;

    public static Optional<Submission> byIdempotencyKey(String key) {
        return find("idempotencyKey", key).firstResultOptional();
    }

    /** The same answers from the same lead within the last few minutes: a double click or a retried request. */
    public static Optional<Submission> recentDuplicate(Long leadId, String formId, String answersHash, Instant since) {
        return find(
                        "leadId = ?1 and formId = ?2 and answersHash = ?3 and submittedAt >= ?4"
                                + " order by submittedAt desc, id desc",
                        leadId,
                        formId,
                        answersHash,
                        since)
                .firstResultOptional();
    }

    public static List<Submission> ofLead(Long leadId, String formId) {
        return list("leadId = ?1 and formId = ?2 order by submittedAt, id", leadId, formId);
    }

    /** The submissions whose answers the lead itself gave: every one but unverified repeats. */
    public static List<Submission> ownOf(Long leadId, String formId) {
        return list(
                "leadId = ?1 and formId = ?2 and trust <> ?3 order by submittedAt, id", leadId, formId, Trust.REPEAT);
    }
}
