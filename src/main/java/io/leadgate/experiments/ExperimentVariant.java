package io.leadgate.experiments;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;

/** One arm of an experiment: its letter, where its text came from, its share of visitors and the exact text served. */
@Entity
@Table(name = "experiment_variant")
public class ExperimentVariant extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "experiment_id", nullable = false)
    public Long experimentId;

    /** A, B, C or D; A is the control the others are compared with. */
    @Column(name = "variant_key", nullable = false)
    public String key;

    /** What the text was copied from when the experiment started: "version 3" or "draft". */
    @Column(nullable = false)
    public String origin;

    /** Percent of visitors sent to this variant. */
    @Column(nullable = false)
    public int share;

    @Column(nullable = false)
    public String content;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    static List<ExperimentVariant> of(long experimentId) {
        return list("experimentId = ?1 order by key", experimentId);
    }
}
