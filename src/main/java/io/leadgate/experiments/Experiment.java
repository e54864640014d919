package io.leadgate.experiments;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One A/B test of a form: who started it and when, and how it ended (the variant promoted, if one was). */
@Entity
@Table(name = "experiment")
public class Experiment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "form_id", nullable = false)
    public String formId;

    /** The form id while the experiment runs, null once it ended: a unique column keeps one running per form. */
    @Column(name = "running_form_id")
    public String runningFormId;

    @Column(nullable = false)
    public String name;

    @Column(name = "started_by", nullable = false)
    public String startedBy;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_by")
    public String endedBy;

    @Column(name = "ended_at")
    public Instant endedAt;

    public String winner;

    @Column(name = "promoted_version")
    public Integer promotedVersion;

    public boolean running() {
        return endedAt == null;
    }

    static List<Experiment> allRunning() {
        return list("endedAt is null order by id");
    }

    static List<Experiment> ofForm(String formId) {
        return list("formId = ?1 order by startedAt desc, id desc", formId);
    }

    static Optional<Experiment> runningOn(String formId) {
        return find("runningFormId", formId).firstResultOptional();
    }

    static Optional<Experiment> locked(long id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
