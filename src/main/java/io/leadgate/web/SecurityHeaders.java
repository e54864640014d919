package io.leadgate.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers every response carries: framing is refused unless a form page allowed its own embedders, content types
 * are not sniffed, and the referrer stays on this site.
 */
@ApplicationScoped
public class SecurityHeaders {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                MultiMap headers = context.response().headers();
                if (!headers.contains(Embedding.CSP)) {
                    headers.set(Embedding.CSP, "frame-ancestors 'none'");
                }
                headers.set("X-Content-Type-Options", "nosniff");
                if (!headers.contains("Referrer-Policy")) {
                    headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
                }
            });
            context.next();
        });
    }
}
