package io.leadgate.forms;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A form or sequence in the store: who manages it (a file or the studio), its draft, and whether it still serves. */
@Entity
@Table(name = "form_document")
public class FormDocument extends PanacheEntityBase {

    /** What a document describes; stored lower-case. */
    public enum Kind {
        FORM,
        SEQUENCE;

        public String key() {
            return name().toLowerCase();
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String name;

    /** The file that manages this document, as shown to people; null when the studio or the API does. */
    @Column(name = "managed_in_file")
    public String managedInFile;

    public String draft;

    /** Counts saved drafts; a save naming an older revision is a conflict, so that nobody overwrites another. */
    @Column(name = "draft_revision", nullable = false)
    public int draftRevision;

    @Column(name = "draft_saved_by")
    public String draftSavedBy;

    @Column(name = "draft_saved_at")
    public Instant draftSavedAt;

    /** When the file that managed it disappeared; a retired document is not served. */
    @Column(name = "retired_at")
    public Instant retiredAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<FormDocument> named(Kind kind, String name) {
        return find("kind = ?1 and name = ?2", kind.key(), name).firstResultOptional();
    }

    /** The document, locked until the transaction ends, so that publishing and saving queue up. */
    static Optional<FormDocument> lock(Kind kind, String name) {
        return find("kind = ?1 and name = ?2", kind.key(), name)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
