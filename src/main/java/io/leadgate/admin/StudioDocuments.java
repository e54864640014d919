package io.leadgate.admin;

import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.FormStudio;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** What the form studio and the sequence studio do alike to a document: check a text, restore, download and diff. */
@ApplicationScoped
class StudioDocuments {

    private final FormRegistry registry;
    private final FormStore store;
    private final FormStudio studio;

    StudioDocuments(FormRegistry registry, FormStore store, FormStudio studio) {
        this.registry = registry;
        this.store = store;
        this.studio = studio;
    }

    /** The validator's findings for a text being typed, as JSON; nothing is saved. */
    Response findings(Kind kind, String id, String text) {
        byte[] yaml = String.valueOf(text).getBytes(StandardCharsets.UTF_8);
        if (yaml.length > FormStudio.MAX_BYTES) {
            return Response.status(413).build();
        }
        return Response.ok(registry.check(kind, id, yaml).stream()
                        .map(DocumentApiResource.Finding::of)
                        .toList())
                .build();
    }

    /** Publishes an earlier version again, then back to the editor, which says whether it worked. */
    Response restore(Kind kind, String id, int version, String actor) {
        try {
            int restored = studio.restore(kind, id, version, actor);
            return Response.seeOther(URI.create(editor(kind, id) + "?done=published-" + restored))
                    .build();
        } catch (FormStore.Refusal | FormStudio.Invalid e) {
            return Response.seeOther(URI.create(editor(kind, id) + "?done=not-restored"))
                    .build();
        }
    }

    Response download(Kind kind, String id, int version) {
        return store.version(kind, id, version)
                .map(text -> Response.ok(text, "application/yaml")
                        .header("Content-Disposition", "attachment; filename=\"" + id + "-v" + version + ".yaml\"")
                        .build())
                .orElseGet(() -> Response.status(404).build());
    }

    /** The lines that changed between two versions; empty when the document lacks either. */
    Optional<List<LineDiff.Line>> diff(Kind kind, String id, int from, int to) {
        Optional<String> before = store.version(kind, id, from);
        Optional<String> after = store.version(kind, id, to);
        return before.isEmpty() || after.isEmpty()
                ? Optional.empty()
                : Optional.of(LineDiff.of(before.get(), after.get()));
    }

    /** A 404 that names what to pick instead. */
    static Response noSuchVersions(Kind kind) {
        return Response.status(404)
                .type(MediaType.TEXT_PLAIN)
                .entity("Pick two versions the " + kind.key() + " has.")
                .build();
    }

    private static String editor(Kind kind, String id) {
        return (kind == Kind.FORM ? "/admin/forms/" : "/admin/sequences/") + id + "/edit";
    }
}
