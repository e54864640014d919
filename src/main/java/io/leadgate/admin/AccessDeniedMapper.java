package io.leadgate.admin;

import io.leadgate.common.Problem;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused role gets a page that says so (or a problem document for API clients), never an empty 403. */
public class AccessDeniedMapper {

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers) {
        return denied(headers);
    }

    @ServerExceptionMapper
    public Response forbidden(jakarta.ws.rs.ForbiddenException e, HttpHeaders headers) {
        return denied(headers);
    }

    private static Response denied(HttpHeaders headers) {
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
            return Response.status(403)
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                    .entity("<!DOCTYPE html><html lang=\"en\"><head>"
                            + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Not allowed"
                            + " · Leadgate</title><link rel=\"stylesheet\" href=\"/css/leadgate.css\"></head><body><main class=\"lg-page\"><h1>Not"
                            + " allowed</h1><p>Your role does not open this page, or the form's security token was missing. Go back to"
                            + " <a href=\"/admin\">the back office</a> and try again.</p></main></body></html>")
                    .build();
        }
        return Response.status(403)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(403, "Not allowed", "Your role does not allow this, or the CSRF token was missing."))
                .build();
    }
}
