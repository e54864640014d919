package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.Role;
import io.leadgate.access.User;
import io.leadgate.access.Users;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Sign-in and sign-out, the back office's start page, and user administration. */
@Path("/admin")
public class AdminHomeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean error);

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

    AdminHomeResource(SecurityIdentity identity, CsrfTokens csrf, Users users) {
        this.identity = identity;
        this.csrf = csrf;
        this.users = users;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response login(@QueryParam("error") String error) {
        return Response.ok(Templates.login(error != null))
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("logout")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response logout(@FormParam("_csrf") String token) {
        csrf.verify(identity, token);
        NewCookie expired = new NewCookie.Builder("leadgate-session")
                .value("")
                .path("/")
                .maxAge(0)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
        return Response.seeOther(URI.create("/admin/login")).cookie(expired).build();
    }

    @GET
    @Authenticated
    @Operation(hidden = true)
    public Response home() {
        return Response.seeOther(URI.create(identity.hasRole(Role.MARKETER_NAME) ? "/admin/reports" : "/admin/leads"))
                .build();
    }

    @GET
    @Path("users")
    @RolesAllowed(Role.ADMIN_NAME)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance users() {
        return page(null, null, false);
    }

    @POST
    @Path("users")
    @RolesAllowed(Role.ADMIN_NAME)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance addUser(
            @FormParam("_csrf") String token,
            @FormParam("email") String email,
            @FormParam("name") String name,
            @FormParam("password") String password,
            @FormParam("role") String role) {
        csrf.verify(identity, token);
        try {
            Role chosen = Role.valueOf(String.valueOf(role).toUpperCase(Locale.ROOT));
            if (email == null || !email.contains("@")) {
                return page("Enter the new user's email address.", null, true);
            }
            if (QuarkusTransaction.requiringNew().call(() -> User.byEmail(email).isPresent())) {
                return page("There is already a user with this email.", null, true);
            }
            users.create(email, name, password, chosen);
            return page("Added " + email + " as " + chosen.roleName() + ".", null, false);
        } catch (IllegalArgumentException e) {
            return page(
                    e.getMessage().startsWith("No enum")
                            ? "Pick a role."
                            : "The password " + e.getMessage().replace("a password ", "") + ".",
                    null,
                    true);
        }
    }

    @POST
    @Path("users/token")
    @RolesAllowed(Role.ADMIN_NAME)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance issueToken(
            @FormParam("_csrf") String token, @FormParam("user") long userId, @FormParam("name") String name) {
        csrf.verify(identity, token);
        if (QuarkusTransaction.requiringNew().call(() -> User.findById(userId) == null)) {
            return page("There is no such user.", null, true);
        }
        String issued = users.issueToken(userId, name == null || name.isBlank() ? "API token" : name);
        return page("Copy this token now: it is shown only once.", issued, false);
    }

    private TemplateInstance page(String message, String token, boolean error) {
        List<UserApiResource.UserView> all = QuarkusTransaction.requiringNew()
                .call(() ->
                        User.<User>listAll().stream().map(UserApiResource::view).toList());
        return Templates.users(Viewer.of(identity, csrf), "users", all, message, token, error);
    }
}
