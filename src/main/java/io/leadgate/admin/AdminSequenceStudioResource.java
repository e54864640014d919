package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.common.LeadgateConfig;
import io.leadgate.delivery.EmailMessage;
import io.leadgate.forms.FormAudit;
import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormProblem;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.FormStudio;
import io.leadgate.forms.LoadedSequence;
import io.leadgate.forms.SequenceLoader;
import io.leadgate.forms.ValidSequence;
import io.leadgate.forms.definition.SequenceStep;
import io.leadgate.nurture.NurtureConfig;
import io.leadgate.nurture.NurtureWorker;
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

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sequence studio: marketers edit a nurture sequence's YAML with the validator's findings while they type, save
 * drafts, publish, restore earlier versions, and see every email rendered with sample data exactly as the nurture
 * worker would send it; sequences managed by files are shown read-only.
 */
@Path("/admin/sequences")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class AdminSequenceStudioResource {

    /** One email of the sequence with sample data: its number (1 is the first step), step id, subject and text. */
    public record EmailPreview(int number, String step, String subject, String text, String problem) {}

    /** The emails the page shows, which document they come from, and in which of the sequence's languages. */
    public record Emails(String source, List<String> languages, String language, List<EmailPreview> emails) {}

    /** A sequence loaded from the store for previews, and which of its texts it is. */
    private record Source(ValidSequence sequence, String description) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance edit(
                Viewer viewer,
                String section,
                String id,
                String yaml,
                int revision,
                String managedInFile,
                List<FormProblem> problems,
                List<FormStore.VersionInfo> versions,
                List<FormAudit> audit,
                String message,
                Emails emails);

        static native TemplateInstance diff(
                Viewer viewer, String section, String id, int from, int to, List<LineDiff.Line> lines);

        static native TemplateInstance email(String lang, String subject, String html);
    }

    private final FormStudio studio;
    private final FormStore store;
    private final FormRegistry registry;
    private final NurtureWorker worker;
    private final SequenceLoader loader = new SequenceLoader();
    private final NurtureConfig nurture;
    private final LeadgateConfig leadgate;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final StudioDocuments documents;

    AdminSequenceStudioResource(
            FormStudio studio,
            FormStore store,
            FormRegistry registry,
            NurtureWorker worker,
            NurtureConfig nurture,
            LeadgateConfig leadgate,
            SecurityIdentity identity,
            CsrfTokens csrf,
            StudioDocuments documents) {
        this.documents = documents;
        this.studio = studio;
        this.store = store;
        this.registry = registry;
        this.worker = worker;
        this.nurture = nurture;
        this.leadgate = leadgate;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Path("{id}/edit")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response edit(@PathParam("id") String id, @QueryParam("done") String done, @QueryParam("lang") String lang) {
        return store.draft(Kind.SEQUENCE, id)
                .map(draft -> {
                    String text = draft.content() != null
                            ? draft.content()
                            : store.latest(Kind.SEQUENCE, id).orElse("");
                    return Response.ok(page(id, text, draft.revision(), message(done), lang))
                            .build();
                })
                .orElseGet(() -> Response.status(404)
                        .type(MediaType.TEXT_PLAIN)
                        .entity("No sequence with this id in the store.")
                        .build());
    }

    @POST
    @Path("{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response save(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst(CsrfTokens.FIELD));
        if (store.draft(Kind.SEQUENCE, id).isEmpty()) {
            return Response.status(404)
                    .type(MediaType.TEXT_PLAIN)
                    .entity("No sequence with this id in the store.")
                    .build();
        }
        String yaml = String.valueOf(fields.getFirst("yaml"));
        Integer revision = parse(fields.getFirst("revision"));
        try {
            FormStudio.Saved saved =
                    studio.saveDraft(Kind.SEQUENCE, id, yaml.getBytes(StandardCharsets.UTF_8), revision, actor());
            if ("publish".equals(fields.getFirst("action"))) {
                int version = studio.publish(Kind.SEQUENCE, id, actor());
                return Response.seeOther(URI.create("/admin/sequences/" + id + "/edit?done=published-" + version))
                        .build();
            }
            return Response.seeOther(URI.create("/admin/sequences/" + id + "/edit?done=saved-" + saved.revision()))
                    .build();
        } catch (FormStore.Refusal refusal) {
            // Whatever went wrong, the person's text stays in the editor.
            return Response.status(refusal.status)
                    .entity(page(
                            id, yaml, revision == null ? currentRevision(id) : revision, refusal.getMessage(), null))
                    .build();
        } catch (FormStudio.Invalid invalid) {
            return Response.status(422)
                    .entity(page(
                            id,
                            yaml,
                            currentRevision(id),
                            "Saved as a draft, not published: fix the problems below first.",
                            null))
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
                    Kind.SEQUENCE,
                    id,
                    String.valueOf(fields.getFirst("yaml")).getBytes(StandardCharsets.UTF_8),
                    parse(fields.getFirst("revision")),
                    actor());
            return Response.ok(Map.of("revision", saved.revision())).build();
        } catch (FormStore.Refusal refusal) {
            return Response.status(refusal.status)
                    .entity(Map.of("detail", refusal.getMessage()))
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
        return documents.findings(Kind.SEQUENCE, id, fields.getFirst("yaml"));
    }

    @POST
    @Path("{id}/versions/{version}/restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response restore(
            @PathParam("id") String id, @PathParam("version") int version, MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst(CsrfTokens.FIELD));
        return documents.restore(Kind.SEQUENCE, id, version, actor());
    }

    @GET
    @Path("{id}/versions/{version}")
    @Produces("application/yaml")
    @Operation(hidden = true)
    public Response download(@PathParam("id") String id, @PathParam("version") int version) {
        return documents.download(Kind.SEQUENCE, id, version);
    }

    /** What changed between two versions, line by line. */
    @GET
    @Path("{id}/diff")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response diff(@PathParam("id") String id, @QueryParam("from") int from, @QueryParam("to") int to) {
        return documents
                .diff(Kind.SEQUENCE, id, from, to)
                .map(lines -> Response.ok(Templates.diff(viewer(), "nurture", id, from, to, lines))
                        .build())
                .orElseGet(() -> StudioDocuments.noSuchVersions(Kind.SEQUENCE));
    }

    /** Copies a sequence (one a file manages, say) into a new sequence the studio manages. */
    @POST
    @Path("{id}/copy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response copy(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst(CsrfTokens.FIELD));
        String name = String.valueOf(fields.getFirst("name")).strip();
        Optional<String> text = store.latest(Kind.SEQUENCE, id);
        if (text.isEmpty()
                || registry.sequence(name).isPresent()
                || store.draft(Kind.SEQUENCE, name).isPresent()) {
            return Response.seeOther(URI.create("/admin/sequences/" + id + "/edit?done=not-copied"))
                    .build();
        }
        try {
            studio.saveDraft(Kind.SEQUENCE, name, text.get().getBytes(StandardCharsets.UTF_8), null, actor());
        } catch (FormStore.Refusal refusal) {
            return Response.seeOther(URI.create("/admin/sequences/" + id + "/edit?done=not-copied"))
                    .build();
        }
        return Response.seeOther(URI.create("/admin/sequences/" + name + "/edit"))
                .build();
    }

    /**
     * Email {@code number} of the page's preview as a document of its own, for a sandboxed frame: the sample data
     * are made up here, so no lead is read and nothing is sent.
     */
    @GET
    @Path("{id}/emails/{number}/preview.html")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response emailPreview(
            @PathParam("id") String id, @PathParam("number") int number, @QueryParam("lang") String lang) {
        Optional<Source> source = source(id);
        if (source.isEmpty() || number < 1 || number > emailCount(source.get().sequence())) {
            return Response.status(404)
                    .type(MediaType.TEXT_PLAIN)
                    .entity("This sequence has no such email, or none without problems.")
                    .build();
        }
        String language = language(source.get().sequence(), lang);
        try {
            EmailMessage email = render(source.get().sequence(), number - 1, language);
            return Response.ok(Templates.email(language, email.subject(), email.html()))
                    .build();
        } catch (RuntimeException e) {
            return Response.status(422)
                    .type(MediaType.TEXT_PLAIN)
                    .entity("This email cannot be rendered: " + e.getMessage())
                    .build();
        }
    }

    private TemplateInstance page(String id, String yaml, int revision, String message, String lang) {
        Optional<FormStore.Draft> draft = store.draft(Kind.SEQUENCE, id);
        return Templates.edit(
                viewer(),
                "nurture",
                id,
                yaml,
                revision,
                draft.map(FormStore.Draft::managedInFile).orElse(null),
                registry.check(Kind.SEQUENCE, id, yaml.getBytes(StandardCharsets.UTF_8)),
                store.versions(Kind.SEQUENCE, id),
                store.audit(Kind.SEQUENCE, id),
                message,
                emails(id, lang));
    }

    private Emails emails(String id, String lang) {
        Optional<Source> source = source(id);
        if (source.isEmpty()) {
            return new Emails(null, List.of(), null, List.of());
        }
        ValidSequence sequence = source.get().sequence();
        String language = language(sequence, lang);
        List<EmailPreview> emails = new ArrayList<>();
        for (int index = 0; index < emailCount(sequence); index++) {
            String step = index < sequence.definition().steps().size()
                    ? sequence.definition().steps().get(index).id()
                    : "reminder";
            try {
                EmailMessage email = render(sequence, index, language);
                emails.add(new EmailPreview(index + 1, step, email.subject(), email.text(), null));
            } catch (RuntimeException e) {
                emails.add(new EmailPreview(index + 1, step, null, null, e.getMessage()));
            }
        }
        return new Emails(source.get().description(), languages(sequence), language, emails);
    }

    /**
     * The saved draft when it has no problems, else the latest version; the page and its frames read the same one.
     */
    private Optional<Source> source(String id) {
        Optional<FormStore.Draft> draft = store.draft(Kind.SEQUENCE, id);
        if (draft.isEmpty()) {
            return Optional.empty();
        }
        String text = draft.get().content();
        if (text != null && load(id, text) instanceof ValidSequence sequence) {
            return Optional.of(new Source(sequence, "the saved draft"));
        }
        return store.latest(Kind.SEQUENCE, id)
                .map(latest -> load(id, latest))
                .filter(ValidSequence.class::isInstance)
                .map(sequence -> new Source(
                        (ValidSequence) sequence,
                        text == null
                                ? "the published version"
                                : "the published version, because the saved draft has problems"));
    }

    private LoadedSequence load(String id, String text) {
        return loader.load(id, FormRegistry.STUDIO + "/" + id + ".yaml", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Renders with the worker's own code, for Alex Sample: made-up answers and links with an example token. */
    private EmailMessage render(ValidSequence sequence, int index, String language) {
        Map<String, String> answers = new LinkedHashMap<>();
        sequence.answersUsed().forEach(question -> answers.put(question, "sample " + question));
        answers.put("company", "Sample Company Ltd");
        NurtureWorker.Recipient alex = new NurtureWorker.Recipient(
                "Alex Sample",
                "alex.sample@example.com",
                "sample-form",
                "Sample form",
                answers,
                leadgate.baseUrl() + "/r/example-token",
                leadgate.baseUrl() + "/u/example-token");
        String postal = nurture.postalAddress()
                .filter(address -> !address.isBlank())
                .orElse("[your postal address: set leadgate.nurture.postal-address]");
        return worker.compose(sequence, index, language, alex, postal);
    }

    /** The steps plus the sequence's own reminder, if it has one. */
    private static int emailCount(ValidSequence sequence) {
        return sequence.definition().steps().size() + (sequence.reminderIndex().isPresent() ? 1 : 0);
    }

    private static List<String> languages(ValidSequence sequence) {
        Set<String> languages = new LinkedHashSet<>();
        Stream.concat(
                        sequence.definition().steps().stream(),
                        Stream.ofNullable(sequence.definition().reminder()))
                .forEach(step -> languagesOf(step, languages));
        return List.copyOf(languages);
    }

    private static void languagesOf(SequenceStep step, Set<String> languages) {
        languages.addAll(step.subject().languages());
        languages.addAll(step.html().languages());
        languages.addAll(step.text().languages());
    }

    private static String language(ValidSequence sequence, String wanted) {
        List<String> languages = languages(sequence);
        if (wanted != null && languages.contains(wanted)) {
            return wanted;
        }
        return languages.isEmpty() ? "en" : languages.getFirst();
    }

    private int currentRevision(String id) {
        return store.draft(Kind.SEQUENCE, id).map(FormStore.Draft::revision).orElse(0);
    }

    private static String message(String done) {
        if (done == null) {
            return null;
        }
        if (done.matches("published-[0-9]{1,9}")) {
            return "Published as version " + done.substring("published-".length())
                    + "; new steps are sent from it on every instance.";
        }
        if (done.matches("saved-[0-9]{1,9}")) {
            return "Draft saved (revision " + done.substring("saved-".length()) + ").";
        }
        return switch (done) {
            case "not-restored" -> "That version could not be restored; see the problems it has today.";
            case "not-copied" -> "Not copied: pick a name no sequence has yet.";
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
