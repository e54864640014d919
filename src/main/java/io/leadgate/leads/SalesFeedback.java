package io.leadgate.leads;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What sales said of a lead once it reached them: accepted, or rejected ("Not a fit") with one of the form's reasons;
 * one row per lead, the latest word, with who said it and when.
 */
@Entity
@Table(name = "sales_feedback")
public class SalesFeedback extends PanacheEntityBase {

    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    @Id
    @Column(name = "lead_id")
    public Long leadId;

    /** accepted or rejected. */
    @Column(nullable = false)
    public String outcome;

    /** The reason code of a rejection; null when accepted. */
    public String reason;

    /** The rep (or sales address) who said it. */
    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public boolean accepted() {
        return ACCEPTED.equals(outcome);
    }

    public boolean rejected() {
        return REJECTED.equals(outcome);
    }

    public static Optional<SalesFeedback> of(Long leadId) {
        return findByIdOptional(leadId);
    }

    /** The feedback on these leads, by lead id. */
    public static Map<Long, SalesFeedback> ofLeads(Collection<Long> leadIds) {
        Map<Long, SalesFeedback> found = new HashMap<>();
        if (!leadIds.isEmpty()) {
            SalesFeedback.<SalesFeedback>list("leadId in ?1", leadIds).forEach(f -> found.put(f.leadId, f));
        }
        return found;
    }
}
