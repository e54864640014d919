package io.leadgate.access;

import io.leadgate.common.LeadgateConfig;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Locale;

/**
 * Marks every cookie {@code Secure} when Leadgate is reached over https. Quarkus does so only for requests that
 * arrive over TLS itself, and behind a TLS-terminating proxy they do not.
 */
@ApplicationScoped
class SecureCookies {

    private final LeadgateConfig config;

    SecureCookies(LeadgateConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        if (!"https".equalsIgnoreCase(config.publicUrl().getScheme())) {
            return;
        }
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                MultiMap headers = context.response().headers();
                List<String> cookies = headers.getAll("Set-Cookie");
                if (!cookies.isEmpty()) {
                    headers.remove("Set-Cookie");
                    cookies.forEach(cookie -> headers.add("Set-Cookie", secure(cookie)));
                }
            });
            context.next();
        });
    }

    static String secure(String cookie) {
        return cookie.toLowerCase(Locale.ROOT).matches(".*;\\s*secure\\s*(;.*)?$") ? cookie : cookie + "; Secure";
    }
}
