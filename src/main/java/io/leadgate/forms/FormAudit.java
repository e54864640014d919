package io.leadgate.forms;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** One change to a document, for the audit log: a draft saved, a version published, restored, imported or retired. */
@Entity
@Table(name = "form_audit")
public class FormAudit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "document_id", nullable = false)
    public Long documentId;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String actor;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    public String detail;

    static void record(long documentId, String action, String actor, String detail) {
        FormAudit entry = new FormAudit();
        entry.documentId = documentId;
        entry.action = action;
        entry.actor = actor;
        entry.occurredAt = Instant.now();
        entry.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
        entry.persist();
    }

    /** The document's changes, newest first. */
    public static List<FormAudit> of(long documentId) {
        return list("documentId = ?1 order by occurredAt desc, id desc", documentId);
    }
}
