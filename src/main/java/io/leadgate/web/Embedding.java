package io.leadgate.web;

import io.leadgate.forms.ValidForm;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * Who may frame a form: its pages name the form's allowed origins in {@code frame-ancestors}; every other page
 * forbids framing ({@link SecurityHeaders}). The host page's origin, when allowed, is where the form posts its events.
 */
final class Embedding {

    static final String CSP = "Content-Security-Policy";

    private Embedding() {}

    static Response.ResponseBuilder framedBy(Response.ResponseBuilder response, ValidForm form) {
        return response.header(CSP, policy(form));
    }

    /** The content security policy of the form's pages: who may frame them. */
    static String policy(ValidForm form) {
        StringBuilder ancestors = new StringBuilder("frame-ancestors 'self'");
        form.definition()
                .embed()
                .allowedOrigins()
                .forEach(origin -> ancestors.append(' ').append(origin));
        return ancestors.toString();
    }

    /** The host page's origin if the form allows it to embed; anything else is ignored, so events never leak. */
    static Optional<String> allowedOrigin(ValidForm form, String origin) {
        return Optional.ofNullable(origin).filter(form.definition().embed().allowedOrigins()::contains);
    }
}
