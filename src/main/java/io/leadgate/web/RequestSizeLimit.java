package io.leadgate.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared body is over the HTTP limit with a problem document that says so, before the body
 * is read (the server's own refusal has no body, so a pipeline pushing a form could not tell why).
 */
@ApplicationScoped
class RequestSizeLimit {

    private final long limit;

    RequestSizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String declared = context.request().getHeader("Content-Length");
            long length;
            try {
                length = declared == null ? -1 : Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > limit) {
                context.response()
                        .setStatusCode(413)
                        .putHeader("Content-Type", "application/problem+json")
                        .putHeader("Connection", "close")
                        .end(new JsonObject()
                                .put("type", "about:blank")
                                .put("title", "Too large")
                                .put("status", 413)
                                .put(
                                        "detail",
                                        "The request body is " + length + " bytes, larger than the " + limit / 1024
                                                + " KB this server accepts.")
                                .encode());
                return;
            }
            context.next();
        });
    }
}
