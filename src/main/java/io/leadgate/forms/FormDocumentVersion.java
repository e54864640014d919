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
import java.util.Optional;

/** One published version of a document: its exact YAML text, never changed once written. */
@Entity
@Table(name = "form_document_version")
public class FormDocumentVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "document_id", nullable = false)
    public Long documentId;

    @Column(name = "version_number", nullable = false)
    public int number;

    @Column(nullable = false)
    public String content;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    @Column(name = "published_by", nullable = false)
    public String publishedBy;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    static Optional<FormDocumentVersion> latest(long documentId) {
        return find("documentId = ?1 order by number desc", documentId).firstResultOptional();
    }

    static Optional<FormDocumentVersion> numbered(long documentId, int number) {
        return find("documentId = ?1 and number = ?2", documentId, number).firstResultOptional();
    }

    /** Every version of the document, newest first. */
    static List<FormDocumentVersion> of(long documentId) {
        return list("documentId = ?1 order by number desc", documentId);
    }
}
