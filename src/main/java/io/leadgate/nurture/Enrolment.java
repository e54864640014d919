package io.leadgate.nurture;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A lead's place in a nurture sequence: the next step and when it is due, or why the lead left. */
@Entity
@Table(name = "nurture_enrolment")
public class Enrolment extends PanacheEntityBase {

    /** ACTIVE enrolments have a due time; the others are kept for the lead's history and the reports. */
    public enum Status {
        ACTIVE,
        COMPLETED,
        EXITED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public Long leadId;

    @Column(name = "form_id", nullable = false)
    public String formId;

    @Column(name = "sequence_id", nullable = false)
    public String sequenceId;

    @Column(nullable = false)
    public String language;

    /** Index of the next step to send; equal to the number of steps once all went out (then only a reminder is due). */
    @Column(name = "next_step", nullable = false)
    public int nextStep;

    @Column(name = "next_due_at")
    public Instant nextDueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** completed, qualified, disqualified, unsubscribed, bounced, erased or outcome. */
    @Column(name = "exit_reason")
    public String exitReason;

    @Column(name = "enrolled_at", nullable = false)
    public Instant enrolledAt;

    /** When the lead asked to be invited again (an answer such as "next quarter"); null once that email went out. */
    @Column(name = "remind_at")
    public Instant remindAt;

    @Column(name = "last_sent_at")
    public Instant lastSentAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** The lead's active enrolment, locked until the transaction ends, so that the worker's changes are not lost. */
    static Optional<Enrolment> lockActiveOf(long leadId) {
        return find("leadId = ?1 and status = ?2", leadId, Status.ACTIVE)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public static Optional<Enrolment> activeOf(long leadId) {
        return find("leadId = ?1 and status = ?2", leadId, Status.ACTIVE).firstResultOptional();
    }

    /** The lead's enrolments, newest first. */
    public static List<Enrolment> ofLead(long leadId) {
        return list("leadId = ?1 order by enrolledAt desc, id desc", leadId);
    }
}
