package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.common.LeadgateConfig;
import io.leadgate.forms.BrokenForm;
import io.leadgate.forms.FormDocument;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.LoadedForm;
import io.leadgate.forms.ValidForm;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;

/** Forms for marketers: validation status and errors, version, the embed snippet, a live preview and the score simulator. */
@Path("/admin/forms")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class AdminFormsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance forms(
                Viewer viewer, String section, List<ValidForm> valid, List<BrokenForm> broken, List<String> drafts);

        static native TemplateInstance form(
                Viewer viewer, String section, ValidForm form, String snippet, String iframe, SimulatorView sim);
    }

    private final FormRegistry registry;
    private final LeadgateConfig config;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final FormStore store;

    AdminFormsResource(
            FormRegistry registry, LeadgateConfig config, SecurityIdentity identity, CsrfTokens csrf, FormStore store) {
        this.registry = registry;
        this.store = store;
        this.config = config;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance forms() {
        return Templates.forms(
                Viewer.of(identity, csrf),
                "forms",
                registry.valid().stream()
                        .sorted((a, b) -> a.id().compareTo(b.id()))
                        .toList(),
                registry.broken(),
                store.unpublished(FormDocument.Kind.FORM));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response form(@PathParam("id") String id) {
        return find(id).map(form -> Response.ok(page(form, Map.of(), null)).build())
                .orElseGet(AdminFormsResource::notFound);
    }

    @POST
    @Path("{id}/simulate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response simulate(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst("_csrf"));
        return find(id).map(form -> {
                    Map<String, List<String>> picked = SimulatorView.picked(form.definition(), fields);
                    return Response.ok(page(form, picked, Simulation.of(form.definition(), picked)))
                            .build();
                })
                .orElseGet(AdminFormsResource::notFound);
    }

    private TemplateInstance page(ValidForm form, Map<String, List<String>> picked, Simulation simulation) {
        String base = config.baseUrl();
        String snippet =
                "<script src=\"" + base + "/embed.js\" data-leadgate-form=\"" + form.id() + "\" async></script>";
        String iframe = "<iframe src=\"" + base + "/f/" + form.id() + "\" title=\""
                + form.definition()
                        .title()
                        .in(form.definition().defaultLanguage())
                        .replace("\"", "&quot;") + "\" style=\"width:100%;height:900px;border:0\"></iframe>";
        Viewer viewer = Viewer.of(identity, csrf);
        SimulatorView sim = SimulatorView.of(
                form.definition(), "/admin/forms/" + form.id() + "/simulate", viewer.csrf(), picked, simulation);
        return Templates.form(viewer, "forms", form, snippet, iframe, sim);
    }

    private java.util.Optional<ValidForm> find(String id) {
        LoadedForm form = registry.find(id).orElse(null);
        return form instanceof ValidForm valid ? java.util.Optional.of(valid) : java.util.Optional.empty();
    }

    private static Response notFound() {
        return Response.status(404)
                .type(MediaType.TEXT_PLAIN)
                .entity("No valid form with this id; see the forms list for errors.")
                .build();
    }
}
