package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.leads.Erasure;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The privacy rights through the API, for administrators: a person's data as one JSON file, and erasure (GDPR). */
@Path("/api/leads")
@Tag(name = "Leads")
@SecurityRequirement(name = "token")
@RolesAllowed(Role.ADMIN_NAME)
public class PrivacyApiResource {

    private final LeadDirectory directory;
    private final Erasure erasure;
    private final SecurityIdentity identity;

    PrivacyApiResource(LeadDirectory directory, Erasure erasure, SecurityIdentity identity) {
        this.directory = directory;
        this.erasure = erasure;
        this.identity = identity;
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Erase a person (GDPR)",
            description =
                    "Removes the lead, its answers, consents, timeline, outcome, messages and"
                            + " delivery logs; keeps only a keyed hash on the suppression list; sends lead.erased to subscribed webhooks.")
    @APIResponse(
            responseCode = "200",
            description = "Erased",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "erased", value = ApiExamples.ERASED)))
    public Response erase(@PathParam("id") String id) {
        Optional<Instant> erased =
                erasure.erase(id, "requested by " + identity.getPrincipal().getName());
        return erased.map(at -> Response.ok(Map.of("lead_id", id, "erased_at", at.toString()))
                        .build())
                .orElseGet(LeadApiResource::notFound);
    }

    @GET
    @Path("{id}/personal-data")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Everything held about one person (GDPR access request), as a JSON file")
    @APIResponse(
            responseCode = "200",
            description = "The person's data",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "export", value = ApiExamples.LEAD)))
    public Response personalData(@PathParam("id") String id) {
        return directory
                .visible(id, identity)
                .map(lead -> Response.ok(directory.detail(lead))
                        .header("Content-Disposition", "attachment; filename=\"lead-" + lead.publicId + ".json\"")
                        .build())
                .orElseGet(LeadApiResource::notFound);
    }
}
