package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.leadgate.common.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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
import java.util.List;
import java.util.Locale;

/** Administrators add back-office users and issue API tokens that act as them. */
@Path("/api/users")
@Tag(name = "Users")
@SecurityRequirement(name = "token")
@RolesAllowed(Role.ADMIN_NAME)
public class UserApiResource {

    /** A new user: role is admin, marketer or sales; the password needs 12 or more characters. */
    public record NewUser(String email, String name, String password, String role) {}

    /** A user as listed; no password hash ever leaves the server. */
    public record UserView(long id, String email, String name, String role, Instant createdAt) {}

    /** An API token, shown once. */
    public record IssuedToken(String name, String token) {}

    /** A name for a new token, e.g. the integration that will use it. */
    public record NewToken(String name) {}

    private final Users users;

    UserApiResource(Users users) {
        this.users = users;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Back-office users")
    @APIResponse(
            responseCode = "200",
            description = "Every user; never a password hash",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "users",
                                            value =
                                                    "[{\"id\": 1,"
                                                            + " \"email\": \"admin@pipewise.example\", \"name\": \"Administrator\", \"role\": \"admin\", \"created_at\": \"2026-11-01T08:00:00Z\"}]")))
    public List<UserView> list() {
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        User.<User>listAll().stream().map(UserApiResource::view).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a user")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "sales rep",
                                            value =
                                                    "{\"email\": \"ana@pipewise.example\", \"name\": \"Ana Silva\", \"password\": \"a-long-passphrase\", \"role\": \"sales\"}")))
    public Response create(NewUser request) {
        Role role;
        try {
            role = Role.valueOf(
                    String.valueOf(request == null ? null : request.role()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Problem.of(422, "The user is not valid", "role must be admin, marketer or sales")
                    .response();
        }
        if (request.email() == null || !request.email().contains("@")) {
            return Problem.of(422, "The user is not valid", "email must be an email address")
                    .response();
        }
        if (QuarkusTransaction.requiringNew()
                .call(() -> User.byEmail(request.email()).isPresent())) {
            return Problem.of(409, "The user exists", "there is already a user with this email")
                    .response();
        }
        try {
            return Response.status(201)
                    .entity(view(users.create(request.email(), request.name(), request.password(), role)))
                    .build();
        } catch (IllegalArgumentException e) {
            return Problem.of(422, "The user is not valid", e.getMessage()).response();
        }
    }

    @POST
    @Path("{id}/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Issue an API token acting as this user",
            description = "The token is shown only in this answer; only its hash is kept.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = @ExampleObject(name = "crm", value = "{\"name\": \"CRM sync\"}")))
    @APIResponse(
            responseCode = "201",
            description = "The token, shown once",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "token",
                                            value = "{\"name\": \"CRM sync\", \"token\": \"lg_4bX...\"}")))
    public Response issueToken(@PathParam("id") long id, NewToken request) {
        if (QuarkusTransaction.requiringNew().call(() -> User.findById(id) == null)) {
            return Problem.of(404, "No such user", "there is no user with this id")
                    .response();
        }
        String name =
                request == null || request.name() == null || request.name().isBlank() ? "API token" : request.name();
        return Response.status(201)
                .entity(new IssuedToken(name, users.issueToken(id, name)))
                .build();
    }

    static UserView view(User user) {
        return new UserView(user.id, user.email, user.name, user.role.roleName(), user.createdAt);
    }
}
