package io.leadgate.web;

import io.leadgate.experiments.Experiments;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.reporting.TrafficSource;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first page of a form that runs no experiment, answered on the event loop from {@link FirstPageCache} with the
 * same token, funnel view and headers as {@link FormPageResource}; every other form request (a preview, a variant,
 * prefilled answers, an unknown or broken form) goes on to that resource unchanged.
 */
@ApplicationScoped
class FirstPageRoute {

    private static final CharSequence HTML = HttpHeaders.createOptimized("text/html;charset=UTF-8");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

    private final FormRegistry registry;
    private final Experiments experiments;
    private final FormFlow flow;
    private final FirstPageCache firstPages;

    FirstPageRoute(FormRegistry registry, Experiments experiments, FormFlow flow, FirstPageCache firstPages) {
        this.registry = registry;
        this.experiments = experiments;
        this.flow = flow;
        this.firstPages = firstPages;
    }

    void install(@Observes Router router) {
        // After SecurityHeaders and the other header routes, before Quarkus's authentication (order -200): the page is
        // public and reads no identity, and a view then waits for no worker thread.
        router.get("/f/:formId").order(Integer.MIN_VALUE + 20).handler(this::serve);
    }

    private void serve(RoutingContext context) {
        HttpServerRequest request = context.request();
        String formId = context.pathParam("formId");
        MultiMap params;
        try {
            params = context.queryParams();
        } catch (IllegalArgumentException malformed) {
            context.next();
            return;
        }
        if (!request.path().equals("/f/" + formId)
                || !acceptsHtml(request.getHeader(HttpHeaders.ACCEPT))
                || params.contains("preview")
                || params.contains(FormPageResource.VARIANT_PARAMETER)
                || experiments.runningOn(formId).isPresent()
                || !(registry.find(formId).orElse(null) instanceof ValidForm form)) {
            context.next();
            return;
        }
        Map<String, List<String>> query = Map.of();
        if (!params.isEmpty()) {
            query = new HashMap<>();
            for (String name : params.names()) {
                query.put(name, params.getAll(name));
            }
            if (!FormFlow.prefill(form.definition(), query).isEmpty()) {
                context.next();
                return;
            }
        }
        String language = Languages.pick(
                form.definition().languages(), params.get("lang"), request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        String referrer = params.get("referrer");
        String from = FormFlow.webAddress(referrer != null ? referrer : request.getHeader(HttpHeaders.REFERER));
        HostAndPort authority = from == null ? null : request.authority();
        TrafficSource source = TrafficSource.of(query, from, authority == null ? null : authority.host());
        FormView view = flow.open(form, null, language, query, false, source)
                .embeddedIn(Embedding.allowedOrigin(form, params.get("origin")).orElse(null))
                .from(from);
        context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, HTML)
                .putHeader(Embedding.CSP, Embedding.policy(form))
                .putHeader(HttpHeaders.CONTENT_LANGUAGE, language)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .end(firstPages.firstPage(view));
    }

    /** What the resource's {@code @Produces(text/html)} would take; anything less common goes there to be negotiated. */
    private static boolean acceptsHtml(String accept) {
        return accept == null || accept.contains("text/html") || accept.contains("text/*") || accept.contains("*/*");
    }
}
