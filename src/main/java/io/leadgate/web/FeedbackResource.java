package io.leadgate.web;

import io.leadgate.leads.SalesFeedbacks;
import io.leadgate.leads.SalesFeedbacks.LinkView;
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

/**
 * The one-click feedback links of sales alerts, without sign-in: like unsubscribe links, a GET only shows what the
 * link records (mail scanners fetch every URL), and the page's button POSTs it. A forged or changed link is a 404, a
 * link past its form's retention or of an erased lead a 410; neither records anything.
 */
@Path("/feedback/{token}")
public class FeedbackResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(String token, LinkView link);

        static native TemplateInstance done(LinkView link);

        static native TemplateInstance invalid(boolean expired);
    }

    private final SalesFeedbacks feedbacks;

    FeedbackResource(SalesFeedbacks feedbacks) {
        this.feedbacks = feedbacks;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response confirm(@PathParam("token") String token) {
        LinkView link = feedbacks.look(token);
        if (link.state() != SalesFeedbacks.LinkState.VALID) {
            return refused(link);
        }
        return page(Response.ok(Templates.confirm(token, link)));
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response record(@PathParam("token") String token) {
        LinkView link = feedbacks.recordLink(token);
        if (link.state() != SalesFeedbacks.LinkState.VALID) {
            return refused(link);
        }
        return page(Response.ok(Templates.done(link)));
    }

    private static Response refused(LinkView link) {
        boolean expired = link.state() == SalesFeedbacks.LinkState.EXPIRED;
        return page(Response.status(expired ? 410 : 404).entity(Templates.invalid(expired)));
    }

    private static Response page(Response.ResponseBuilder response) {
        // The token in the URL is the only credential: keep it out of Referer headers and caches.
        return response.header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .header("X-Robots-Tag", "noindex")
                .build();
    }
}
