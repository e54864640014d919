package io.leadgate.leads;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** What sales reported back for a lead (won, lost or open, amount, close date, reason): the end of the loop. */
@Entity
@Table(name = "lead_outcome")
public class DealOutcome extends PanacheEntityBase {

    @Id
    @Column(name = "lead_id")
    public Long leadId;

    /** won, lost or open. */
    @Column(nullable = false)
    public String status;

    public BigDecimal amount;

    public String currency;

    @Column(name = "close_date")
    public LocalDate closeDate;

    public String reason;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
