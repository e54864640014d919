package io.leadgate.admin;

import io.leadgate.access.AccountException;
import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.common.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Administrators manage back-office users: add them, change their role, name or password, disable or enable them,
 * delete them. Their API tokens are {@link TokenApiResource}'s.
 */
@Path("/api/users")
@Tag(name = "Users")
@SecurityRequirement(name = "token")
@RolesAllowed(Role.ADMIN_NAME)
public class UserApiResource {

    /** A new user: role is admin, marketer or sales; the password needs 12 to 72 characters. */
    public record NewUser(String email, String name, String password, String role) {}

    /** Changes to a user; absent fields stay as they are. {@code disabled} stops sessions and tokens at once. */
    public record UserChange(String name, String role, String password, Boolean disabled) {}

    private final Users users;
    private final SecurityIdentity identity;

    UserApiResource(Users users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Back-office users and their tokens")
    @APIResponse(
            responseCode = "200",
            description = "Every user; never a password hash or token value",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "users", value = ApiExamples.USERS)))
    public List<UserViews.UserView> list() {
        return UserViews.of(users);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a user")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "sales rep", value = ApiExamples.NEW_USER)))
    public Response create(NewUser request) {
        return change(() -> {
            if (request == null || request.email() == null || !request.email().contains("@")) {
                throw new AccountException("email must be an email address");
            }
            Role role = role(request.role());
            if (QuarkusTransaction.requiringNew()
                    .call(() -> User.byEmail(request.email()).isPresent())) {
                return Problem.of(409, "The user exists", "there is already a user with this email")
                        .response();
            }
            User user = users.create(request.email(), request.name(), request.password(), role);
            return Response.status(201).entity(UserViews.of(user, List.of())).build();
        });
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change a user's name, role or password, or disable or enable them",
            description = "Disabling ends the user's sessions and tokens at once. Nobody can disable or demote"
                    + " themselves, nor the last active administrator.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "disable", value = "{\"disabled\": true}")))
    public Response update(@PathParam("id") long id, UserChange change) {
        return change(() -> {
            if (change == null) {
                throw new AccountException("send the fields to change");
            }
            Role role = change.role() == null ? null : role(change.role());
            User user = users.update(id, me(), change.name(), role, change.password(), change.disabled());
            return Response.ok(UserViews.of(user, users.tokensOf(id))).build();
        });
    }

    @DELETE
    @Path("{id}")
    @Operation(
            summary = "Delete a user and their tokens",
            description = "Leads keep the rep address they were assigned.")
    public Response delete(@PathParam("id") long id) {
        return change(() -> {
            users.delete(id, me());
            return Response.noContent().build();
        });
    }

    /** Runs an account change; one that cannot be made answers 422 with the reason. */
    static Response change(Supplier<Response> action) {
        try {
            return action.get();
        } catch (AccountException e) {
            return Problem.of(422, "The change cannot be made", e.getMessage()).response();
        }
    }

    private String me() {
        return identity.getPrincipal().getName();
    }

    static Role role(String name) {
        try {
            return Role.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AccountException("role must be admin, marketer or sales");
        }
    }
}
