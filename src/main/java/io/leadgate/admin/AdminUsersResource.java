package io.leadgate.admin;

import io.leadgate.access.AccountException;
import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** User administration: add users, change their role or password, disable or delete them, issue and revoke tokens. */
@Path("/admin/users")
@RolesAllowed(Role.ADMIN_NAME)
public class AdminUsersResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance users(
                Viewer viewer,
                String section,
                List<UserApiResource.UserView> users,
                String message,
                String token,
                boolean error);
    }

    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final Users users;

    AdminUsersResource(SecurityIdentity identity, CsrfTokens csrf, Users users) {
        this.identity = identity;
        this.csrf = csrf;
        this.users = users;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance users() {
        return page(null, null, false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance addUser(
            @FormParam("_csrf") String token,
            @FormParam("email") String email,
            @FormParam("name") String name,
            @FormParam("password") String password,
            @FormParam("role") String role) {
        return act(token, () -> {
            Role chosen = UserApiResource.role(role);
            if (email == null || !email.contains("@")) {
                throw new AccountException("enter the new user's email address");
            }
            if (QuarkusTransaction.requiringNew().call(() -> User.byEmail(email).isPresent())) {
                throw new AccountException("there is already a user with this email");
            }
            users.create(email, name, password, chosen);
            return "Added " + email + " as " + chosen.roleName() + ".";
        });
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance issueToken(
            @FormParam("_csrf") String token,
            @FormParam("user") long userId,
            @FormParam("name") String name,
            @FormParam("days") int days) {
        csrf.verify(identity, token);
        if (QuarkusTransaction.requiringNew().call(() -> User.findById(userId) == null)) {
            return page("There is no such user.", null, true);
        }
        Instant expires = days > 0 ? Instant.now().plus(Duration.ofDays(days)) : null;
        String issued = users.issueToken(userId, name == null || name.isBlank() ? "API token" : name, expires);
        return page("Copy this token now: it is shown only once.", issued, false);
    }

    @POST
    @Path("{id}/tokens/{token}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance revoke(
            @PathParam("id") long userId, @PathParam("token") long tokenId, @FormParam("_csrf") String token) {
        return act(token, () -> {
            if (!users.revokeToken(userId, tokenId)) {
                throw new AccountException("there is no such token");
            }
            return "Revoked the token; it stopped working at once.";
        });
    }

    @POST
    @Path("{id}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance role(
            @PathParam("id") long userId, @FormParam("_csrf") String token, @FormParam("role") String role) {
        return act(token, () -> {
            User user = users.update(userId, me(), null, UserApiResource.role(role), null, null);
            return user.email + " is now " + user.role.roleName() + ".";
        });
    }

    @POST
    @Path("{id}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance password(
            @PathParam("id") long userId, @FormParam("_csrf") String token, @FormParam("password") String password) {
        return act(token, () -> users.update(userId, me(), null, null, password, null).email + " has a new password.");
    }

    @POST
    @Path("{id}/access")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance access(
            @PathParam("id") long userId, @FormParam("_csrf") String token, @FormParam("disabled") boolean disabled) {
        return act(token, () -> {
            User user = users.update(userId, me(), null, null, null, disabled);
            return disabled
                    ? "Disabled " + user.email + ": their sessions and tokens stopped working."
                    : "Enabled " + user.email + " again.";
        });
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance delete(@PathParam("id") long userId, @FormParam("_csrf") String token) {
        return act(token, () -> {
            users.delete(userId, me());
            return "Deleted the user and their tokens.";
        });
    }

    /** Runs a change after the CSRF check, and shows the page with what happened or why it could not. */
    private TemplateInstance act(String token, Supplier<String> change) {
        csrf.verify(identity, token);
        try {
            return page(change.get(), null, false);
        } catch (AccountException e) {
            String reason = e.getMessage();
            return page(Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + ".", null, true);
        }
    }

    private String me() {
        return identity.getPrincipal().getName();
    }

    private TemplateInstance page(String message, String token, boolean error) {
        return Templates.users(Viewer.of(identity, csrf), "users", UserApiResource.views(users), message, token, error);
    }
}
