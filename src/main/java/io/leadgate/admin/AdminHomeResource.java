package io.leadgate.admin;

import io.leadgate.access.CsrfTokens;
import io.leadgate.access.LoginCsrf;
import io.leadgate.access.Role;
import io.leadgate.access.Users;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
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

/** Sign-in and sign-out, and the back office's start page. */
@Path("/admin")
public class AdminHomeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean error, String csrf);
    }

    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final Users users;

    AdminHomeResource(SecurityIdentity identity, CsrfTokens csrf, Users users) {
        this.users = users;
        this.identity = identity;
        this.csrf = csrf;
    }

    /** The sign-in page, with a fresh login CSRF value in its form and in a same-site cookie. */
    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response login(@QueryParam("error") String error) {
        String value = LoginCsrf.newValue();
        NewCookie cookie = new NewCookie.Builder(LoginCsrf.COOKIE)
                .value(value)
                .path("/")
                .maxAge(3600)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
        return Response.ok(Templates.login(error != null, value))
                .cookie(cookie)
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
        users.endSessions(identity.getPrincipal().getName());
        return Response.seeOther(URI.create("/admin/login"))
                .cookie(expired("leadgate-session"), expired("leadgate-session-key"))
                .build();
    }

    private static NewCookie expired(String name) {
        return new NewCookie.Builder(name)
                .value("")
                .path("/")
                .maxAge(0)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }

    @GET
    @Authenticated
    @Operation(hidden = true)
    public Response home() {
        return Response.seeOther(URI.create(identity.hasRole(Role.MARKETER_NAME) ? "/admin/reports" : "/admin/leads"))
                .build();
    }
}
