package io.leadgate.nurture;

import io.leadgate.common.SqlRows;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One thing a sequence step achieved, counted per step; it names no person, so it outlives erasure. */
@Entity
@Table(name = "nurture_event")
public class NurtureEvent extends PanacheEntityBase {

    /** What happened after a step went out. */
    public enum Kind {
        SENT,
        CLICKED,
        REQUALIFIED,
        UNSUBSCRIBED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "sequence_id", nullable = false)
    public String sequenceId;

    @Column(name = "step_id", nullable = false)
    public String stepId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    static void record(String sequenceId, String stepId, Kind kind, Instant at) {
        NurtureEvent event = new NurtureEvent();
        event.sequenceId = sequenceId;
        event.stepId = stepId;
        event.kind = kind.name().toLowerCase();
        event.occurredAt = at;
        event.persist();
    }

    /** Records one {@code kind} for each (sequence id, step id) pair, with one insert for all of them. */
    static void recordAll(List<String[]> steps, Kind kind, Instant at) {
        SqlRows.insert(
                getEntityManager(),
                "nurture_event",
                List.of("sequence_id", "step_id", "kind", "occurred_at"),
                steps.stream()
                        .map(step -> new Object[] {step[0], step[1], kind.name().toLowerCase(), at})
                        .toList());
    }

    /** Counts per step of one sequence: step id to kind (sent, clicked, requalified, unsubscribed) to count. */
    public static Map<String, Map<String, Long>> countsFor(String sequenceId) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        List<Object[]> rows = getEntityManager()
                .createQuery(
                        "select e.stepId, e.kind, count(e) from NurtureEvent e"
                                + " where e.sequenceId = ?1 group by e.stepId, e.kind",
                        Object[].class)
                .setParameter(1, sequenceId)
                .getResultList();
        for (Object[] row : rows) {
            counts.computeIfAbsent((String) row[0], step -> new LinkedHashMap<>())
                    .put((String) row[1], (Long) row[2]);
        }
        return counts;
    }
}
