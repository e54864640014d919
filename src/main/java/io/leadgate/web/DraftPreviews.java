package io.leadgate.web;

import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.ValidForm;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Any step of a studio draft that is not served yet, drawn exactly as prospects would see it, for the studio's phone
 * and desktop previews; it posts nowhere that could store an answer and counts nothing in the funnel.
 */
@Path("/admin/forms/{id}/preview")
// The role names of access.Role, written out: prospect pages do not depend on the back office's accounts.
@RolesAllowed({"admin", "marketer"})
public class DraftPreviews {

    private final FormStore store;
    private final FormRegistry registry;

    DraftPreviews(FormStore store, FormRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response preview(@PathParam("id") String id, @QueryParam("step") int step, @QueryParam("lang") String lang) {
        Optional<String> text = store.draft(Kind.FORM, id).map(d -> d.content() != null ? d.content() : latest(id));
        if (text.isEmpty() || text.get() == null) {
            return Response.status(404)
                    .type(MediaType.TEXT_PLAIN)
                    .entity("No such form.")
                    .build();
        }
        if (!(registry.loadDraft(id, text.get().getBytes(StandardCharsets.UTF_8)) instanceof ValidForm form)) {
            return Response.ok("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Preview</title>"
                            + "</head><body><p>The draft has problems; fix them to see the preview.</p></body></html>")
                    .type(MediaType.TEXT_HTML)
                    .build();
        }
        String language = lang != null && form.definition().languages().contains(lang)
                ? lang
                : form.definition().defaultLanguage();
        int last = form.definition().steps().size() - 1;
        return Response.ok(ProspectPages.form(FormView.of(form, language, "draft-preview")
                        .atStep(Math.clamp(step, 0, last))
                        .postingTo("/admin/forms/" + id + "/preview")
                        .asPreview(true)))
                .build();
    }

    private String latest(String id) {
        return store.latest(Kind.FORM, id).orElse(null);
    }
}
