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

/** A consent as given: from which form and version, when, from where, and the hash of the exact text shown. */
@Entity
@Table(name = "consent")
public class Consent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "consent_ids")
    @SequenceGenerator(name = "consent_ids", sequenceName = "consent_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public Long leadId;

    @Column(name = "submission_id", nullable = false)
    public Long submissionId;

    @Column(name = "form_id", nullable = false)
    public String formId;

    @Column(name = "form_version", nullable = false)
    public String formVersion;

    @Column(name = "question_id", nullable = false)
    public String questionId;

    @Column(nullable = false)
    public String language;

    @Column(name = "text_hash", nullable = false)
    public String textHash;

    @Column(name = "given_at", nullable = false)
    public Instant givenAt;

    public String ip;
}
