package io.leadgate.reporting;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a lead source cost in a period (days from {@code periodStart} to {@code periodEnd}, both included). Medium and
 * campaign are empty for a cost of the whole source.
 */
@Entity
@Table(name = "source_cost")
public class SourceCost extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "utm_source", nullable = false)
    public String utmSource;

    @Column(name = "utm_medium", nullable = false)
    public String utmMedium;

    @Column(name = "utm_campaign", nullable = false)
    public String utmCampaign;

    @Column(name = "period_start", nullable = false)
    public LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    public LocalDate periodEnd;

    @Column(nullable = false)
    public BigDecimal amount;

    @Column(nullable = false)
    public String currency;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
