package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.experiments.Experiments;
import io.leadgate.forms.FormAudit;
import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormProblem;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.FormStudio;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The form studio: marketers create a form from a template, edit its YAML with the validator's findings while they
 * type, save drafts, publish, and restore earlier versions; forms managed by files are shown read-only.
 */
@Path("/admin/forms")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class AdminStudioResource {

    private static final Pattern ID_LINE = Pattern.compile("(?m)^id:.*$");

    /** What the draft preview shows: its steps (none while the draft has problems), in which of its languages. */
    public record DraftPreview(List<Integer> steps, List<String> languages, String language) {}

    /** A template a new form can start from. */
    public record Starter(String key, String label) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance create(
                Viewer viewer, String section, List<Starter> starters, String name, String error);

        static native TemplateInstance edit(
                Viewer viewer,
                String section,
                String id,
                String yaml,
                int revision,
                String managedInFile,
                boolean published,
                List<FormProblem> problems,
                List<FormStore.VersionInfo> versions,
                List<FormAudit> audit,
                String message,
                DraftPreview preview,
                Experiments.Running experiment);

        static native TemplateInstance diff(
                Viewer viewer, String section, String id, int from, int to, List<LineDiff.Line> lines);
    }

    private final FormStudio studio;
    private final FormStore store;
    private final FormRegistry registry;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final StudioDocuments documents;
    private final Experiments experiments;

    AdminStudioResource(
            FormStudio studio,
            FormStore store,
            FormRegistry registry,
            SecurityIdentity identity,
            CsrfTokens csrf,
            Experiments experiments,
            StudioDocuments documents) {
        this.documents = documents;
        this.experiments = experiments;
        this.studio = studio;
        this.store = store;
        this.registry = registry;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Path("new")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance create() {
        return Templates.create(viewer(), "forms", starters(), "", null);
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response create(MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst(CsrfTokens.FIELD));
        String name = String.valueOf(fields.getFirst("name")).strip();
        String starter = String.valueOf(fields.getFirst("starter"));
        if (registry.find(name).isPresent() || store.draft(Kind.FORM, name).isPresent()) {
            return Response.status(409)
                    .entity(Templates.create(
                            viewer(), "forms", starters(), name, "A form called '" + name + "' exists already."))
                    .build();
        }
        Optional<String> text = starterText(starter);
        if (text.isEmpty()) {
            return Response.status(400)
                    .entity(Templates.create(viewer(), "forms", starters(), name, "Pick a template."))
                    .build();
        }
        try {
            studio.saveDraft(
                    Kind.FORM,
                    name,
                    withId(text.get(), name),
                    null,
                    identity.getPrincipal().getName());
        } catch (FormStore.Refusal refusal) {
            return Response.status(refusal.status)
                    .entity(Templates.create(viewer(), "forms", starters(), name, refusal.getMessage()))
                    .build();
        }
        return Response.seeOther(URI.create("/admin/forms/" + name + "/edit")).build();
    }

    @GET
    @Path("{id}/edit")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response edit(@PathParam("id") String id, @QueryParam("done") String done, @QueryParam("lang") String lang) {
        return store.draft(Kind.FORM, id)
                .map(draft -> {
                    String text = draft.content() != null
                            ? draft.content()
                            : latest(id).orElse("");
                    return Response.ok(page(id, text, draft.revision(), draft.managedInFile(), message(done), lang))
                            .build();
                })
                .orElseGet(() -> Response.status(404)
                        .type(MediaType.TEXT_PLAIN)
                        .entity("No form with this id in the store.")
                        .build());
    }

    @POST
    @Path("{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response save(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst(CsrfTokens.FIELD));
        String yaml = String.valueOf(fields.getFirst("yaml"));
        Integer revision = parse(fields.getFirst("revision"));
        boolean publish = "publish".equals(fields.getFirst("action"));
        try {
            FormStudio.Saved saved =
                    studio.saveDraft(Kind.FORM, id, yaml.getBytes(StandardCharsets.UTF_8), revision, actor());
            if (publish) {
                int version = studio.publish(Kind.FORM, id, actor());
                return Response.seeOther(URI.create("/admin/forms/" + id + "/edit?done=published-" + version))
                        .build();
            }
            return Response.seeOther(URI.create("/admin/forms/" + id + "/edit?done=saved-" + saved.revision()))
                    .build();
        } catch (FormStore.Refusal refusal) {
            // Whatever went wrong, the person's text stays in the editor.
            int current =
                    store.draft(Kind.FORM, id).map(FormStore.Draft::revision).orElse(0);
            return Response.status(refusal.status)
                    .entity(page(id, yaml, revision == null ? current : revision, null, refusal.getMessage()))
                    .build();
        } catch (FormStudio.Invalid invalid) {
            int current =
                    store.draft(Kind.FORM, id).map(FormStore.Draft::revision).orElse(0);
            return Response.status(422)
                    .entity(page(
                            id, yaml, current, null, "Saved as a draft, not published: fix the problems below first."))
                    .build();
        }
    }

    /** Saves the draft while the marketer types; a save based on an older revision is a conflict and changes nothing. */
    @POST
    @Path("{id}/autosave")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response autosave(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst(CsrfTokens.FIELD));
        try {
            FormStudio.Saved saved = studio.saveDraft(
                    Kind.FORM,
                    id,
                    String.valueOf(fields.getFirst("yaml")).getBytes(StandardCharsets.UTF_8),
                    parse(fields.getFirst("revision")),
                    actor());
            return Response.ok(java.util.Map.of("revision", saved.revision())).build();
        } catch (FormStore.Refusal refusal) {
            return Response.status(refusal.status)
                    .entity(java.util.Map.of("detail", refusal.getMessage()))
                    .build();
        }
    }

    /** The validator's findings for the text being typed; nothing is saved. */
    @POST
    @Path("{id}/check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response check(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst(CsrfTokens.FIELD));
        return documents.findings(Kind.FORM, id, fields.getFirst("yaml"));
    }

    @POST
    @Path("{id}/versions/{version}/restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response restore(
            @PathParam("id") String id, @PathParam("version") int version, MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst(CsrfTokens.FIELD));
        return documents.restore(Kind.FORM, id, version, actor());
    }

    @GET
    @Path("{id}/versions/{version}")
    @Produces("application/yaml")
    @Operation(hidden = true)
    public Response download(@PathParam("id") String id, @PathParam("version") int version) {
        return documents.download(Kind.FORM, id, version);
    }

    /** What changed between two versions, line by line. */
    @GET
    @Path("{id}/diff")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response diff(@PathParam("id") String id, @QueryParam("from") int from, @QueryParam("to") int to) {
        return documents
                .diff(Kind.FORM, id, from, to)
                .map(lines -> Response.ok(Templates.diff(viewer(), "forms", id, from, to, lines))
                        .build())
                .orElseGet(() -> StudioDocuments.noSuchVersions(Kind.FORM));
    }

    /** Copies a form (one a file manages, say) into a new form the studio manages. */
    @POST
    @Path("{id}/copy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response copy(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst(CsrfTokens.FIELD));
        String name = String.valueOf(fields.getFirst("name")).strip();
        Optional<String> text = latest(id);
        if (text.isEmpty()
                || registry.find(name).isPresent()
                || store.draft(Kind.FORM, name).isPresent()) {
            return Response.seeOther(URI.create("/admin/forms/" + id + "/edit?done=not-copied"))
                    .build();
        }
        try {
            studio.saveDraft(Kind.FORM, name, withId(text.get(), name), null, actor());
        } catch (FormStore.Refusal refusal) {
            return Response.seeOther(URI.create("/admin/forms/" + id + "/edit?done=not-copied"))
                    .build();
        }
        return Response.seeOther(URI.create("/admin/forms/" + name + "/edit")).build();
    }

    private TemplateInstance page(String id, String yaml, int revision, String managedInFile, String message) {
        return page(id, yaml, revision, managedInFile, message, null);
    }

    private TemplateInstance page(
            String id, String yaml, int revision, String managedInFile, String message, String lang) {
        List<FormStore.VersionInfo> versions = store.versions(Kind.FORM, id);
        String file = managedInFile != null
                ? managedInFile
                : store.draft(Kind.FORM, id).map(FormStore.Draft::managedInFile).orElse(null);
        return Templates.edit(
                viewer(),
                "forms",
                id,
                yaml,
                revision,
                file,
                !versions.isEmpty(),
                registry.check(Kind.FORM, id, yaml.getBytes(StandardCharsets.UTF_8)),
                versions,
                store.audit(Kind.FORM, id),
                message,
                preview(id, yaml, lang),
                experiments.runningOn(id).orElse(null));
    }

    private DraftPreview preview(String id, String yaml, String lang) {
        if (registry.loadDraft(id, yaml.getBytes(StandardCharsets.UTF_8)) instanceof io.leadgate.forms.ValidForm form) {
            List<String> languages = form.definition().languages();
            return new DraftPreview(
                    java.util.stream.IntStream.range(
                                    0, form.definition().steps().size())
                            .boxed()
                            .toList(),
                    languages,
                    lang != null && languages.contains(lang)
                            ? lang
                            : form.definition().defaultLanguage());
        }
        return new DraftPreview(List.of(), List.of(), null);
    }

    private Optional<String> latest(String id) {
        return store.latest(Kind.FORM, id);
    }

    private List<Starter> starters() {
        return List.of(
                new Starter("starter", "Need, desire and timeframe (a minimal start)"),
                new Starter("demo-saas", "B2B software demo request (demo-saas)"),
                new Starter("agency-brief", "Agency project brief, English and German (agency-brief)"));
    }

    private Optional<String> starterText(String key) {
        if ("starter".equals(key)) {
            try (InputStream in = getClass().getResourceAsStream("/studio/starter.yaml")) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return starters().stream().anyMatch(s -> s.key().equals(key)) ? latest(key) : Optional.empty();
    }

    private static byte[] withId(String text, String id) {
        return ID_LINE.matcher(text).replaceFirst("id: " + id).getBytes(StandardCharsets.UTF_8);
    }

    private static String message(String done) {
        if (done == null) {
            return null;
        }
        if (done.matches("published-[0-9]{1,9}")) {
            return "Published as version " + done.substring("published-".length()) + "; every instance serves it.";
        }
        if (done.matches("suggested-[0-9]{1,9}")) {
            return "Draft written from the report's suggestions: " + done.substring("suggested-".length())
                    + " change(s) of points. Backtest it on past leads before you publish; edit it here or in the visual"
                    + " editor.";
        }
        if (done.matches("saved-[0-9]{1,9}")) {
            return "Draft saved (revision " + done.substring("saved-".length()) + ").";
        }
        return switch (done) {
            case "not-restored" -> "That version could not be restored; see the problems it has today.";
            case "not-copied" -> "Not copied: pick a name no form has yet.";
            default -> null;
        };
    }

    private static Integer parse(String revision) {
        try {
            return revision == null || revision.isBlank() ? null : Integer.valueOf(revision.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private Viewer viewer() {
        return Viewer.of(identity, csrf);
    }
}
