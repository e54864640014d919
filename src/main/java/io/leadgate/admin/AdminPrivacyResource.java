package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.leads.Erasure;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;

/** A person's rights from the back office: their data as one JSON file, and erasure. Admins only. */
@Path("/admin/leads")
@RolesAllowed(Role.ADMIN_NAME)
public class AdminPrivacyResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance erased(Viewer viewer, String section, String leadId);
    }

    private final LeadDirectory directory;
    private final Erasure erasure;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    AdminPrivacyResource(LeadDirectory directory, Erasure erasure, SecurityIdentity identity, CsrfTokens csrf) {
        this.directory = directory;
        this.erasure = erasure;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @Path("{id}/personal-data")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response personalData(@PathParam("id") String id) {
        return directory
                .visible(id, identity)
                .map(lead -> Response.ok(directory.detail(lead))
                        .header("Content-Disposition", "attachment; filename=\"lead-" + lead.publicId + ".json\"")
                        .build())
                .orElseGet(() -> Response.status(404).build());
    }

    @POST
    @Path("{id}/erase")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response erase(@PathParam("id") String id, @FormParam("_csrf") String token) {
        csrf.verify(identity, token);
        return erasure.erase(id, "erased by " + identity.getPrincipal().getName())
                .map(at -> Response.ok(Templates.erased(Viewer.of(identity, csrf), "leads", id))
                        .build())
                .orElseGet(() -> Response.seeOther(URI.create("/admin/leads")).build());
    }
}
