package io.leadgate.leads;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One alert of a qualified lead to a rep (turn 0 the first, turn n the n-th reassignment) and, while {@link #dueAt}
 * is set, the follow-up deadline by which that rep must accept the lead or record an outcome.
 */
@Entity
@Table(name = "follow_up")
public class FollowUp extends PanacheEntityBase {

    /** Why a deadline stopped waiting when its lead moved to the next rep. */
    public static final String REASSIGNED = "reassigned";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public Long leadId;

    @Column(name = "rep_email", nullable = false)
    public String repEmail;

    @Column(nullable = false)
    public int turn;

    @Column(name = "alerted_at", nullable = false)
    public Instant alertedAt;

    /** When the deadline passes; null when nothing waits (no deadline, or it ended). */
    @Column(name = "due_at")
    public Instant dueAt;

    /** Why the deadline stopped: accepted, rejected, outcome, reassigned, nobody-left, not-qualified, moved... */
    public String ended;

    @Column(name = "ended_at")
    public Instant endedAt;

    static FollowUp start(Long leadId, String repEmail, int turn, Instant alertedAt, Instant dueAt) {
        FollowUp followUp = new FollowUp();
        followUp.leadId = leadId;
        followUp.repEmail = repEmail;
        followUp.turn = turn;
        followUp.alertedAt = alertedAt;
        followUp.dueAt = dueAt;
        followUp.persist();
        return followUp;
    }

    void end(String why, Instant at) {
        if (dueAt != null) {
            dueAt = null;
            ended = why;
            endedAt = at;
        }
    }

    /** The lead's latest alert to a rep, if any. */
    static FollowUp latestOf(Long leadId) {
        return FollowUp.<FollowUp>find("leadId = ?1 order by id desc", leadId).firstResult();
    }

    /** The reps (lower case) this lead went to since its first alert in the chain that {@code current} belongs to. */
    static Set<String> repsOfChain(FollowUp current) {
        List<FollowUp> earlier = FollowUp.list("leadId = ?1 and id <= ?2 order by id desc", current.leadId, current.id);
        Set<String> reps = new LinkedHashSet<>();
        for (FollowUp alert : earlier) {
            reps.add(alert.repEmail.toLowerCase(Locale.ROOT));
            if (alert.turn == 0) {
                break;
            }
        }
        return reps;
    }

    /** Every alert to a rep about these leads, oldest first. */
    public static List<FollowUp> ofLeads(Collection<Long> leadIds) {
        return leadIds.isEmpty() ? List.of() : FollowUp.list("leadId in ?1 order by alertedAt, id", leadIds);
    }
}
