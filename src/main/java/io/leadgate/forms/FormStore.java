package io.leadgate.forms;

import io.leadgate.common.Digests;
import io.leadgate.forms.FormDocument.Kind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Forms and sequences in PostgreSQL: each document is a series of immutable published versions plus at most one draft.
 * Every instance serves the latest version of every live document; publishing tells the others at once
 * ({@code NOTIFY leadgate_forms}), and their reload check finds the change even without it.
 */
@ApplicationScoped
public class FormStore {

    /** The channel instances listen on for published versions. */
    public static final String CHANNEL = "leadgate_forms";

    /** The latest version of a live document, as every instance serves it. */
    public record Published(Kind kind, String name, int number, String content, String managedInFile) {}

    /** One version, for the history. */
    public record VersionInfo(int number, String publishedBy, Instant publishedAt, String contentHash) {}

    /** The draft of a document and the revision a save must name to replace it. */
    public record Draft(String content, int revision, String savedBy, Instant savedAt, String managedInFile) {}

    /** Why the store refused a change, as an HTTP status and a sentence for the person who asked. */
    public static final class Refusal extends RuntimeException {
        public final int status;

        public Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** What importing a file did. */
    public enum Import {
        UNCHANGED,
        IMPORTED,
        STUDIO_MANAGED
    }

    private final EntityManager entities;
    private final boolean postgres;

    FormStore(EntityManager entities, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.entities = entities;
        this.postgres = dbKind.startsWith("postgres");
    }

    boolean notifies() {
        return postgres;
    }

    /** Changes whenever a version is published or a document retired: the cheap check each reload makes. */
    public String changeMark() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[])
                    entities.createNativeQuery("SELECT (SELECT coalesce(max(id), 0) FROM form_document_version),"
                                    + " (SELECT count(*) FROM form_document_version),"
                                    + " (SELECT count(*) FROM form_document WHERE retired_at IS NOT NULL)")
                            .getSingleResult();
            // The count as well as the highest id: two publishes may commit out of id order, and the one with the
            // lower id, committed last, must still change the mark.
            return row[0] + "/" + row[1] + "/" + row[2];
        });
    }

    /** The latest version of every live document of this kind. */
    public List<Published> published(Kind kind) {
        return QuarkusTransaction.requiringNew()
                .call(() -> entities
                        .createQuery(
                                "SELECT d, v FROM FormDocument d, FormDocumentVersion v WHERE v.documentId = d.id"
                                        + " AND d.kind = ?1 AND d.retiredAt IS NULL AND v.number ="
                                        + " (SELECT max(w.number) FROM FormDocumentVersion w WHERE w.documentId = d.id)"
                                        + " ORDER BY d.name",
                                Object[].class)
                        .setParameter(1, kind.key())
                        .getResultList()
                        .stream()
                        .map(row -> {
                            FormDocument document = (FormDocument) row[0];
                            FormDocumentVersion version = (FormDocumentVersion) row[1];
                            return new Published(
                                    kind, document.name, version.number, version.content, document.managedInFile);
                        })
                        .toList());
    }

    /**
     * Records a valid file's content as the document's next version when it differs from the latest; a document the
     * studio manages is left alone.
     */
    public Import importFile(Kind kind, String name, String shownAs, String content) {
        return QuarkusTransaction.requiringNew().call(() -> {
            FormDocument document = lockOrCreate(kind, name, shownAs);
            if (document.managedInFile == null) {
                return Import.STUDIO_MANAGED;
            }
            String hash = Digests.sha256Hex(content);
            Optional<FormDocumentVersion> latest = FormDocumentVersion.latest(document.id);
            boolean same = latest.isPresent() && latest.get().contentHash.equals(hash);
            if (same && document.retiredAt == null && shownAs.equals(document.managedInFile)) {
                return Import.UNCHANGED;
            }
            document.managedInFile = shownAs;
            document.retiredAt = null;
            if (!same) {
                int number = append(document, content, "file " + shownAs);
                FormAudit.record(document.id, "imported", "file " + shownAs, "version " + number);
            } else {
                FormAudit.record(document.id, "imported", "file " + shownAs, "serving again");
            }
            announce(kind, name);
            return Import.IMPORTED;
        });
    }

    /** The file that managed a document is gone: it stops being served, its versions stay. */
    public void retire(Kind kind, String name) {
        QuarkusTransaction.requiringNew()
                .run(() -> FormDocument.lock(kind, name)
                        .filter(d -> d.managedInFile != null && d.retiredAt == null)
                        .ifPresent(document -> {
                            document.retiredAt = Instant.now();
                            FormAudit.record(
                                    document.id, "retired", "file " + document.managedInFile, "the file was removed");
                            announce(kind, name);
                        }));
    }

    public Optional<Draft> draft(Kind kind, String name) {
        return QuarkusTransaction.requiringNew()
                .call(() -> FormDocument.named(kind, name)
                        .map(d ->
                                new Draft(d.draft, d.draftRevision, d.draftSavedBy, d.draftSavedAt, d.managedInFile)));
    }

    /**
     * Saves a draft, creating the document if it is new. {@code expectedRevision}, when given, must be the revision
     * the editor started from; otherwise someone else saved in between and this save is refused, losing nothing.
     */
    public Draft saveDraft(Kind kind, String name, String content, Integer expectedRevision, String actor) {
        return QuarkusTransaction.requiringNew().call(() -> {
            FormDocument document = lockOrCreate(kind, name, null);
            refuseIfFileManaged(document);
            if (expectedRevision != null && expectedRevision != document.draftRevision) {
                throw new Refusal(
                        409,
                        "Someone else saved this draft meanwhile (" + document.draftSavedBy + ", revision "
                                + document.draftRevision + "); load it again and reapply your change.");
            }
            document.draft = content;
            document.draftRevision++;
            document.draftSavedBy = actor;
            document.draftSavedAt = Instant.now();
            FormAudit.record(document.id, "draft-saved", actor, "revision " + document.draftRevision);
            return new Draft(content, document.draftRevision, actor, document.draftSavedAt, null);
        });
    }

    /** Publishes {@code content} as the document's next version and returns its number; the draft is done with. */
    public int publish(Kind kind, String name, String content, String actor, String action, String detail) {
        return QuarkusTransaction.requiringNew().call(() -> {
            FormDocument document = FormDocument.lock(kind, name)
                    .orElseThrow(() -> new Refusal(404, "There is no " + kind.key() + " called '" + name + "'."));
            refuseIfFileManaged(document);
            int number = append(document, content, actor);
            if (content.equals(document.draft)) {
                // The draft became the version; its revision stays, so the editor that published keeps saving.
                document.draft = null;
            }
            document.retiredAt = null;
            FormAudit.record(document.id, action, actor, "version " + number + (detail == null ? "" : " " + detail));
            announce(kind, name);
            return number;
        });
    }

    /** Documents of this kind with a draft and no published version yet, by name. */
    public List<String> unpublished(Kind kind) {
        return QuarkusTransaction.requiringNew()
                .call(() -> entities.createQuery(
                                "SELECT d.name FROM FormDocument d WHERE d.kind = ?1 AND d.draft IS NOT NULL AND NOT EXISTS"
                                        + " (SELECT 1 FROM FormDocumentVersion v WHERE v.documentId = d.id) ORDER BY d.name",
                                String.class)
                        .setParameter(1, kind.key())
                        .getResultList());
    }

    public List<VersionInfo> versions(Kind kind, String name) {
        return QuarkusTransaction.requiringNew()
                .call(() -> FormDocument.named(kind, name)
                        .map(d -> FormDocumentVersion.of(d.id).stream()
                                .map(v -> new VersionInfo(v.number, v.publishedBy, v.publishedAt, v.contentHash))
                                .toList())
                        .orElseThrow(() -> new Refusal(404, "There is no " + kind.key() + " called '" + name + "'.")));
    }

    /** The text of the document's latest version, if it has one. */
    public Optional<String> latest(Kind kind, String name) {
        return QuarkusTransaction.requiringNew()
                .call(() -> FormDocument.named(kind, name)
                        .flatMap(d -> FormDocumentVersion.latest(d.id))
                        .map(v -> v.content));
    }

    public Optional<String> version(Kind kind, String name, int number) {
        return QuarkusTransaction.requiringNew()
                .call(() -> FormDocument.named(kind, name)
                        .flatMap(d -> FormDocumentVersion.numbered(d.id, number))
                        .map(v -> v.content));
    }

    /** The document's changes, newest first. */
    public List<FormAudit> audit(Kind kind, String name) {
        return QuarkusTransaction.requiringNew()
                .call(() -> FormDocument.named(kind, name)
                        .map(d -> FormAudit.of(d.id))
                        .orElse(List.of()));
    }

    private static void refuseIfFileManaged(FormDocument document) {
        if (document.managedInFile != null) {
            throw new Refusal(
                    409,
                    "The file " + document.managedInFile + " manages this " + document.kind
                            + "; change the file, or copy it into a form of its own that the studio manages.");
        }
    }

    private static int append(FormDocument document, String content, String actor) {
        FormDocumentVersion version = new FormDocumentVersion();
        version.documentId = document.id;
        version.number =
                FormDocumentVersion.latest(document.id).map(v -> v.number).orElse(0) + 1;
        version.content = content;
        version.contentHash = Digests.sha256Hex(content);
        version.publishedBy = actor;
        version.publishedAt = Instant.now();
        version.persist();
        return version.number;
    }

    /** The document, locked; created first (managed by {@code file}, or by the studio when null) if it is new. */
    private FormDocument lockOrCreate(Kind kind, String name, String file) {
        Optional<FormDocument> existing = FormDocument.lock(kind, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        // Two instances may create the same document at once: the unique name lets one win, the other then locks it.
        entities.createNativeQuery("INSERT INTO form_document (kind, name, managed_in_file, draft_revision, created_at)"
                        + " VALUES (?1, ?2, ?3, 0, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, kind.key())
                .setParameter(2, name)
                .setParameter(3, file)
                .setParameter(4, Instant.now())
                .executeUpdate();
        return FormDocument.lock(kind, name).orElseThrow();
    }

    private void announce(Kind kind, String name) {
        if (postgres) {
            entities.createNativeQuery("SELECT pg_notify(?1, ?2)")
                    .setParameter(1, CHANNEL)
                    .setParameter(2, kind.key() + ":" + name)
                    .getSingleResult();
        }
    }
}
