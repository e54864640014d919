package io.leadgate.forms;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** The exact text of one version of a form, kept so that every submission can show what the prospect answered. */
@Entity
@Table(name = "form_version")
public class FormVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "form_id", nullable = false)
    public String formId;

    @Column(nullable = false)
    public String version;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    @Column(nullable = false)
    public String source;

    @Column(name = "first_loaded_at", nullable = false)
    public Instant firstLoadedAt;

    public static boolean isArchived(String formId, String contentHash) {
        return count("formId = ?1 and contentHash = ?2", formId, contentHash) > 0;
    }

    /** The text of the latest version archived for this form, if any was. */
    public static Optional<String> latestSource(String formId) {
        return find("formId = ?1 order by firstLoadedAt desc, id desc", formId)
                .<FormVersion>firstResultOptional()
                .map(v -> v.source);
    }

    /** The text of this form's version with this content hash, if it was ever served. */
    public static Optional<String> sourceOf(String formId, String contentHash) {
        return find("formId = ?1 and contentHash = ?2", formId, contentHash)
                .<FormVersion>firstResultOptional()
                .map(v -> v.source);
    }

    public static Long idOf(String formId, String contentHash) {
        return find("formId = ?1 and contentHash = ?2", formId, contentHash)
                .<FormVersion>firstResultOptional()
                .map(v -> v.id)
                .orElse(null);
    }
}
