package io.leadgate.web;

import io.leadgate.nurture.Unsubscribes;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Optional;

/**
 * Unsubscribe links (RFC 8058): a GET only shows a confirmation page, because link scanners fetch every URL; the
 * one-click POST from a mail client, or the page's button, unsubscribes and answers 200 without a redirect.
 */
@Path("/u/{token}")
public class UnsubscribeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(String token);

        static native TemplateInstance done(boolean already);

        static native TemplateInstance invalid();
    }

    private final Unsubscribes unsubscribes;

    UnsubscribeResource(Unsubscribes unsubscribes) {
        this.unsubscribes = unsubscribes;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response confirm(@PathParam("token") String token) {
        if (unsubscribes.leadOf(token).isEmpty()) {
            return page(Response.status(404).entity(Templates.invalid()));
        }
        return page(Response.ok(Templates.confirm(token)));
    }

    /** Accepts any body: mail clients send {@code List-Unsubscribe=One-Click} form-encoded or as multipart. */
    @POST
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response unsubscribe(@PathParam("token") String token) {
        Optional<Boolean> first = unsubscribes.leadOf(token).flatMap(unsubscribes::unsubscribe);
        if (first.isEmpty()) {
            return page(Response.status(404).entity(Templates.invalid()));
        }
        return page(Response.ok(Templates.done(!first.get())));
    }

    private static Response page(Response.ResponseBuilder response) {
        // The token in the URL is the only credential: keep it out of Referer headers and caches.
        return response.header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }
}
