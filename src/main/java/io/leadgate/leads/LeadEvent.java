package io.leadgate.leads;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** One entry of a lead's timeline: submitted, qualified, re-qualified, assigned, alerted, nurtured, outcome. */
@Entity
@Table(name = "lead_event")
public class LeadEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lead_event_ids")
    @SequenceGenerator(name = "lead_event_ids", sequenceName = "lead_event_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public Long leadId;

    @Column(nullable = false)
    public String type;

    public String detail;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    public static void record(Long leadId, String type, String detail, Instant at) {
        LeadEvent event = new LeadEvent();
        event.leadId = leadId;
        event.type = type;
        event.detail = detail;
        event.occurredAt = at;
        event.persist();
    }

    public static List<LeadEvent> timeline(Long leadId) {
        return list("leadId = ?1 order by occurredAt, id", leadId);
    }
}
