package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormProblem;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.FormStudio;
import io.leadgate.forms.YamlEdits;
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
import java.util.List;
import java.util.Optional;

/**
 * The studio's visual view: the everyday edits of a draft (steps, questions, answers, points, ranges, show-if,
 * knockouts, thresholds, thank-you texts, every text side by side per language) made on its YAML text itself, so
 * comments and key order stay, with the validator's problems beside the values they are about.
 */
@Path("/admin/forms")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class AdminVisualResource {

    static final int MAX_FIELDS = 2000;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance visual(
                Viewer viewer, String section, String id, int revision, VisualForm form, String message);
    }

    private final FormStudio studio;
    private final FormStore store;
    private final FormRegistry registry;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminVisualResource(
            FormStudio studio, FormStore store, FormRegistry registry, SecurityIdentity identity, CsrfTokens csrf) {
        this.studio = studio;
        this.store = store;
        this.registry = registry;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Path("{id}/visual")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response visual(@PathParam("id") String id, @QueryParam("done") String done) {
        Optional<FormStore.Draft> draft = store.draft(Kind.FORM, id);
        if (draft.isEmpty() || draft.get().managedInFile() != null) {
            return Response.seeOther(URI.create("/admin/forms/" + id + "/edit")).build();
        }
        return page(id, draft.get(), done != null && done.matches("saved-[0-9]{1,9}") ? "Draft saved." : null, 200);
    }

    @POST
    @Path("{id}/visual")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response change(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst(CsrfTokens.FIELD));
        // Each field may re-read the draft, so a crafted post of tens of thousands of fields would cost minutes.
        if (fields.values().stream().mapToInt(java.util.List::size).sum() > MAX_FIELDS) {
            return Response.status(413)
                    .type(MediaType.TEXT_PLAIN)
                    .entity("Too many fields in one change (more than " + MAX_FIELDS + "); use the YAML view.")
                    .build();
        }
        Optional<FormStore.Draft> draft = store.draft(Kind.FORM, id);
        if (draft.isEmpty() || draft.get().managedInFile() != null) {
            return Response.seeOther(URI.create("/admin/forms/" + id + "/edit")).build();
        }
        Integer revision = revision(fields.getFirst("revision"));
        try {
            String text = VisualActions.apply(VisualEdits.apply(current(id, draft.get()), fields), fields);
            FormStudio.Saved saved = studio.saveDraft(
                    Kind.FORM,
                    id,
                    text.getBytes(StandardCharsets.UTF_8),
                    revision,
                    identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/admin/forms/" + id + "/visual?done=saved-" + saved.revision()))
                    .build();
        } catch (YamlEdits.Unsupported | IllegalArgumentException e) {
            return page(id, draft.get(), "Not changed: " + e.getMessage() + ".", 422);
        } catch (FormStore.Refusal refusal) {
            return page(id, store.draft(Kind.FORM, id).orElseThrow(), refusal.getMessage(), refusal.status);
        }
    }

    private String current(String id, FormStore.Draft draft) {
        if (draft.content() != null) {
            return draft.content();
        }
        return store.latest(Kind.FORM, id).orElse("");
    }

    private Response page(String id, FormStore.Draft draft, String message, int status) {
        String text = current(id, draft);
        VisualForm form;
        try {
            YamlEdits edits = YamlEdits.of(text);
            List<VisualForm.Placed> problems = new ArrayList<>();
            for (FormProblem problem : registry.check(Kind.FORM, id, text.getBytes(StandardCharsets.UTF_8))) {
                problems.add(new VisualForm.Placed(
                        edits.pointerAt(problem.line(), problem.column()).orElse(null),
                        problem.line(),
                        problem.message() + (problem.fix() == null ? "" : ". Fix: " + problem.fix())));
            }
            form = VisualForm.of(edits.tree(), problems);
        } catch (YamlEdits.Unsupported e) {
            return Response.seeOther(URI.create("/admin/forms/" + id + "/edit")).build();
        }
        return Response.status(status)
                .entity(Templates.visual(Viewer.of(identity, csrf), "forms", id, draft.revision(), form, message))
                .build();
    }

    private static Integer revision(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
