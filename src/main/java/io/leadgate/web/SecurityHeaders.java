package io.leadgate.web;

import io.leadgate.common.LeadgateConfig;
import io.leadgate.common.ScriptImports;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers every response carries: framing is refused unless a form page allowed its own embedders, content types
 * are not sniffed, and the referrer stays on this site. Back-office pages and the API are never cached and the back
 * office runs under a strict content security policy; behind https, browsers are told to come back over https only.
 */
@ApplicationScoped
public class SecurityHeaders {

    /**
     * The back office loads its own scripts, styles and images only, and no page may frame it; the one inline script
     * allowed is the import map of the modules it serves itself (by its hash).
     */
    static final String ADMIN_POLICY = "default-src 'self'; script-src 'self' %s; style-src 'self'; img-src 'self'"
            + " data:; font-src 'self'; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; form-action"
            + " 'self'; base-uri 'none'; object-src 'none'";

    /** A sequence's email rendered with sample data, shown in the studio. */
    static final String EMAIL_PREVIEW_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https:"
            + " data:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'";

    private final boolean https;
    private final String adminPolicy;

    SecurityHeaders(LeadgateConfig config, ScriptImports imports) {
        this.https = "https".equalsIgnoreCase(config.publicUrl().getScheme());
        this.adminPolicy = ADMIN_POLICY.formatted(imports.policySource());
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String path = context.normalizedPath();
            boolean admin = path.equals("/admin") || path.startsWith("/admin/");
            boolean personal = admin
                    || (path.startsWith("/api/")
                            && !(path.startsWith("/api/forms/")
                                    && (path.endsWith("/submissions") || path.endsWith("/token"))));
            context.addHeadersEndHandler(ignored -> {
                MultiMap headers = context.response().headers();
                if (admin && path.matches("/admin/sequences/[^/]+/emails/[^/]+/preview\\.html")) {
                    // A rendered email runs no script even when opened on its own, keeps the inline styles emails
                    // rely on, and is framed only by the sequence studio.
                    headers.set(Embedding.CSP, EMAIL_PREVIEW_POLICY);
                } else if (admin && path.matches("/admin/forms/[^/]+/preview")) {
                    // The studio shows its draft previews in frames of its own pages, and nowhere else.
                    headers.set(Embedding.CSP, adminPolicy.replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
                } else if (admin) {
                    headers.set(Embedding.CSP, adminPolicy);
                } else if (!headers.contains(Embedding.CSP)) {
                    headers.set(Embedding.CSP, "frame-ancestors 'none'");
                }
                if (personal) {
                    headers.set("Cache-Control", "no-store");
                }
                if (https) {
                    headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
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
