package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.forms.FormDocument.Kind;
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
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The studio's visual view: the everyday edits (texts side by side in every language, points, thresholds, questions
 * added, moved and deleted) made on the draft's YAML text itself, so comments and key order stay.
 */
@Path("/admin/forms")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class AdminVisualResource {

    private static final Pattern QUESTION = Pattern.compile("/steps/[0-9]+/questions/[0-9]+");
    private static final Pattern STEP = Pattern.compile("/steps/[0-9]+");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,6}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance visual(
                Viewer viewer, String section, String id, int revision, VisualForm form, String message);
    }

    private final FormStudio studio;
    private final FormStore store;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminVisualResource(FormStudio studio, FormStore store, SecurityIdentity identity, CsrfTokens csrf) {
        this.studio = studio;
        this.store = store;
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
        Optional<FormStore.Draft> draft = store.draft(Kind.FORM, id);
        if (draft.isEmpty() || draft.get().managedInFile() != null) {
            return Response.seeOther(URI.create("/admin/forms/" + id + "/edit")).build();
        }
        Integer revision = revision(fields.getFirst("revision"));
        try {
            String text = apply(current(id, draft.get()), fields);
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

    /** The values that changed first, then the one operation the pressed button asks for. */
    private static String apply(String text, MultivaluedMap<String, String> fields) {
        String changed = text;
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            if (!field.getKey().startsWith("set:") || field.getValue().isEmpty()) {
                continue;
            }
            String pointer = field.getKey().substring("set:".length());
            String value = field.getValue().getFirst().strip();
            YamlEdits edits = YamlEdits.of(changed);
            if (edits.tree().at(pointer).asText().equals(value)) {
                continue;
            }
            if ((pointer.endsWith("/min") || pointer.contains("/points/"))
                    && !INTEGER.matcher(value).matches()) {
                throw new IllegalArgumentException("points and thresholds are whole numbers, not '" + value + "'");
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("a text cannot be empty");
            }
            changed = edits.setScalar(pointer, value);
        }
        String op = String.valueOf(fields.getFirst("op"));
        int colon = op.indexOf(':');
        if (colon < 0) {
            return changed;
        }
        String action = op.substring(0, colon);
        String pointer = op.substring(colon + 1);
        return switch (action) {
            case "up", "down" -> YamlEdits.of(changed).moveItem(question(pointer), "up".equals(action));
            case "delete" -> YamlEdits.of(changed).removeItem(question(pointer));
            case "add" -> add(changed, step(pointer), fields);
            default -> changed;
        };
    }

    private static String add(String text, String step, MultivaluedMap<String, String> fields) {
        String suffix = step.replace("/steps/", "");
        String label = String.valueOf(fields.getFirst("new-label-" + suffix)).strip();
        if (label.isEmpty() || label.equals("null")) {
            throw new IllegalArgumentException("give the new question a label");
        }
        String type = "multiple".equals(fields.getFirst("new-type-" + suffix)) ? "multiple" : "single";
        String dimension = String.valueOf(fields.getFirst("new-dimension-" + suffix));
        YamlEdits edits = YamlEdits.of(text);
        if (!edits.tree().path("dimensions").has(dimension)) {
            throw new IllegalArgumentException("pick a dimension the form has");
        }
        Set<String> ids = new HashSet<>();
        edits.tree()
                .path("steps")
                .forEach(s ->
                        s.path("questions").forEach(q -> ids.add(q.path("id").asText())));
        List<String> lines = new ArrayList<>();
        lines.add("- id: " + unique(slug(label), ids));
        lines.add("type: " + type);
        lines.add("label: " + YamlEdits.literal(label));
        if (fields.getFirst("new-required-" + suffix) != null) {
            lines.add("required: true");
        }
        lines.add("options:");
        Set<String> values = new HashSet<>();
        for (String line :
                String.valueOf(fields.getFirst("new-options-" + suffix)).split("\\R")) {
            if (line.isBlank() || line.equals("null")) {
                continue;
            }
            int equals = line.lastIndexOf('=');
            String optionLabel = (equals < 0 ? line : line.substring(0, equals)).strip();
            String points = equals < 0 ? "0" : line.substring(equals + 1).strip();
            if (optionLabel.isEmpty() || !INTEGER.matcher(points).matches()) {
                throw new IllegalArgumentException("write each answer as 'Label = points', like 'This month = 30'");
            }
            lines.add("  - {value: " + unique(slug(optionLabel), values) + ", label: " + YamlEdits.literal(optionLabel)
                    + ", points: {" + dimension + ": " + points + "}}");
        }
        if (values.size() < 2) {
            throw new IllegalArgumentException("a choice needs at least two answers, one per line");
        }
        return edits.appendItem(step + "/questions", lines);
    }

    private static String question(String pointer) {
        if (!QUESTION.matcher(pointer).matches()) {
            throw new IllegalArgumentException("that is not a question");
        }
        return pointer;
    }

    private static String step(String pointer) {
        if (!STEP.matcher(pointer).matches()) {
            throw new IllegalArgumentException("that is not a step");
        }
        return pointer;
    }

    static String slug(String label) {
        String slug = Normalizer.normalize(label, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase()
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        slug = slug.length() > 40 ? slug.substring(0, 40).replaceAll("-+$", "") : slug;
        return slug.isEmpty() ? "answer" : slug;
    }

    private static String unique(String slug, Set<String> taken) {
        String candidate = slug;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = slug + "-" + n;
        }
        return candidate;
    }

    private String current(String id, FormStore.Draft draft) {
        if (draft.content() != null) {
            return draft.content();
        }
        return store.latest(Kind.FORM, id).orElse("");
    }

    private Response page(String id, FormStore.Draft draft, String message, int status) {
        VisualForm form;
        try {
            form = VisualForm.of(YamlEdits.of(current(id, draft)).tree());
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
