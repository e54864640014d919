package io.leadgate.reporting;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One anonymous step of a prospect through a form: a view, a start, a completed step, an answered question. */
@Entity
@Table(name = "funnel_event")
public class FunnelEvent extends PanacheEntityBase {

    /** What happened. */
    public enum Type {
        VIEW,
        START,
        STEP,
        ANSWER,
        COMPLETE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "form_id", nullable = false)
    public String formId;

    @Column(name = "form_version", nullable = false)
    public String formVersion;

    @Column(nullable = false)
    public String type;

    /** The step index for STEP, the question id for ANSWER; null otherwise. */
    public String detail;

    /** Groups the events of one page view without saying who it was. */
    @Column(name = "visit")
    public String visit;

    /** The experiment and variant the visitor saw, if the form ran one. */
    @Column(name = "experiment_id")
    public Long experimentId;

    public String variant;

    /** Where a VIEW came from (see {@link TrafficSource}); null on other events and on views before 2026-12. */
    @Column(name = "utm_source")
    public String utmSource;

    @Column(name = "utm_medium")
    public String utmMedium;

    @Column(name = "utm_campaign")
    public String utmCampaign;

    @Column(name = "referrer_domain")
    public String referrerDomain;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}
