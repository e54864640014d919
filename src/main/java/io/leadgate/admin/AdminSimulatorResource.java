package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.FormStore;
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
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The score simulator on a form's draft, so a marketer tries a scoring change before publishing it. */
@Path("/admin/forms/{id}/simulator")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class AdminSimulatorResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance simulator(Viewer viewer, String section, String id, SimulatorView sim);
    }

    private final FormStore store;
    private final FormRegistry registry;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminSimulatorResource(FormStore store, FormRegistry registry, SecurityIdentity identity, CsrfTokens csrf) {
        this.store = store;
        this.registry = registry;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response show(@PathParam("id") String id) {
        return simulate(id, new MultivaluedHashMap<>(), false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response submit(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        csrf.verify(identity, fields.getFirst(CsrfTokens.FIELD));
        return simulate(id, fields, true);
    }

    private Response simulate(String id, MultivaluedMap<String, String> fields, boolean score) {
        Optional<String> text = store.draft(Kind.FORM, id)
                .map(d -> d.content() != null
                        ? d.content()
                        : store.latest(Kind.FORM, id).orElse(null));
        if (text.isEmpty() || text.get() == null) {
            return Response.status(404)
                    .type(MediaType.TEXT_PLAIN)
                    .entity("No form with this id in the store.")
                    .build();
        }
        Viewer viewer = Viewer.of(identity, csrf);
        if (!(registry.loadDraft(id, text.get().getBytes(StandardCharsets.UTF_8)) instanceof ValidForm form)) {
            return Response.status(409)
                    .entity(Templates.simulator(viewer, "forms", id, null))
                    .build();
        }
        Map<String, List<String>> picked = SimulatorView.picked(form.definition(), fields);
        SimulatorView sim = SimulatorView.of(
                form.definition(),
                "/admin/forms/" + id + "/simulator",
                viewer.csrf(),
                picked,
                score ? Simulation.of(form.definition(), picked) : null);
        return Response.ok(Templates.simulator(viewer, "forms", id, sim)).build();
    }
}
