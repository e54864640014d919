package io.leadgate.web;

import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Lets the pages that may embed a form also post to its JSON API from the browser: cross-origin requests to
 * {@code /api/forms/{id}/submissions} and {@code /token} are allowed for exactly the form's embed origins, and for
 * no one else.
 */
@ApplicationScoped
class ApiCors {

    private final FormRegistry registry;

    ApiCors(FormRegistry registry) {
        this.registry = registry;
    }

    void install(@Observes Router router) {
        router.routeWithRegex("/api/forms/([^/]+)/(submissions|token)")
                .order(Integer.MIN_VALUE + 10)
                .handler(context -> {
                    String origin = context.request().getHeader("Origin");
                    boolean allowed = origin != null
                            && registry.find(context.pathParam("param0"))
                                    .filter(ValidForm.class::isInstance)
                                    .map(form -> ((ValidForm) form)
                                            .definition()
                                            .embed()
                                            .allowedOrigins()
                                            .contains(origin))
                                    .orElse(false);
                    if (!allowed) {
                        context.next();
                        return;
                    }
                    context.response()
                            .putHeader("Access-Control-Allow-Origin", origin)
                            .putHeader("Vary", "Origin");
                    if (context.request().method() == HttpMethod.OPTIONS) {
                        context.response()
                                .putHeader("Access-Control-Allow-Methods", "GET, POST")
                                .putHeader("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key")
                                .putHeader("Access-Control-Max-Age", "600")
                                .setStatusCode(204)
                                .end();
                        return;
                    }
                    context.next();
                });
    }
}
