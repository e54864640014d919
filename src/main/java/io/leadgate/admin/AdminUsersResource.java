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
import jakarta.ws.rs.BeanParam;
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
                List<UserViews.UserView> users,
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

    /** One change to one user, as the page's forms post it: role, password, disable, enable, delete or revoke. */
    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance change(@PathParam("id") long userId, @BeanParam UserChangeForm form) {
        return act(form.csrf, () -> switch (String.valueOf(form.action)) {
            case "role" -> {
                User user = users.update(userId, me(), null, UserApiResource.role(form.role), null, null);
                yield user.email + " is now " + user.role.roleName() + ".";
            }
            case "password" ->
                users.update(userId, me(), null, null, form.password, null).email + " has a new password.";
            case "disable" ->
                "Disabled " + users.update(userId, me(), null, null, null, true).email
                        + ": their sessions and tokens stopped working.";
            case "enable" -> "Enabled " + users.update(userId, me(), null, null, null, false).email + " again.";
            case "delete" -> {
                users.delete(userId, me());
                yield "Deleted the user and their tokens.";
            }
            case "revoke" -> {
                if (!users.revokeToken(userId, form.token)) {
                    throw new AccountException("there is no such token");
                }
                yield "Revoked the token; it stopped working at once.";
            }
            default -> throw new AccountException("choose what to change");
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
        return Templates.users(Viewer.of(identity, csrf), "users", UserViews.of(users), message, token, error);
    }
}
