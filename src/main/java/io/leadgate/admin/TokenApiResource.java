package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.common.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.function.Supplier;

/** Administrators issue API tokens that act as a user (with an optional expiry), list them and revoke them. */
@Path("/api/users/{id}/tokens")
@Tag(name = "Users")
@SecurityRequirement(name = "token")
@RolesAllowed(Role.ADMIN_NAME)
public class TokenApiResource {

    /** An API token, shown once. */
    public record IssuedToken(String name, String token, Instant expiresAt) {}

    /** A name for a new token, e.g. the integration that will use it, and when it should stop working (optional). */
    public record NewToken(String name, Instant expiresAt) {}

    private final Users users;

    TokenApiResource(Users users) {
        this.users = users;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A user's API tokens (never their values)")
    public Response tokens(@PathParam("id") long id) {
        return withUser(
                id,
                () -> Response.ok(users.tokensOf(id).stream().map(UserViews::of).toList())
                        .build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Issue an API token acting as this user",
            description = "The token is shown only in this answer; only its hash is kept. With expires_at it stops"
                    + " working then.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "crm", value = ApiExamples.NEW_TOKEN)))
    @APIResponse(
            responseCode = "201",
            description = "The token, shown once",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "token", value = ApiExamples.ISSUED_TOKEN)))
    public Response issueToken(@PathParam("id") long id, NewToken request) {
        return withUser(
                id,
                () -> UserApiResource.change(() -> {
                    String name = request == null
                                    || request.name() == null
                                    || request.name().isBlank()
                            ? "API token"
                            : request.name();
                    Instant expires = request == null ? null : request.expiresAt();
                    return Response.status(201)
                            .entity(new IssuedToken(name, users.issueToken(id, name, expires), expires))
                            .build();
                }));
    }

    @DELETE
    @Path("{token}")
    @Operation(summary = "Revoke an API token", description = "It stops working at once.")
    public Response revoke(@PathParam("id") long id, @PathParam("token") long token) {
        return users.revokeToken(id, token)
                ? Response.noContent().build()
                : Problem.of(404, "No such token", "this user has no token with this id")
                        .response();
    }

    private static Response withUser(long id, Supplier<Response> action) {
        if (QuarkusTransaction.requiringNew().call(() -> User.findById(id) == null)) {
            return Problem.of(404, "No such user", "there is no user with this id")
                    .response();
        }
        return action.get();
    }
}
