package io.leadgate.forms;

import java.net.URI;
import java.util.Base64;
import java.util.List;

/** Addresses a form names: https URLs (plain http only where allowed), embedding origins and signing secrets. */
final class UrlChecks extends FormCheck {

    private static final int MIN_SECRET_BYTES = 24;

    UrlChecks(FormCheck shared) {
        super(shared);
    }

    void url(String pointer, String value, boolean allowRelative) {
        if (allowRelative && value.startsWith("/") && !value.startsWith("//")) {
            return;
        }
        URI uri = parse(value);
        boolean https = uri != null && "https".equals(uri.getScheme()) && uri.getHost() != null;
        boolean http = uri != null && "http".equals(uri.getScheme()) && uri.getHost() != null;
        if (!https && !(http && (allowInsecureUrls || isLocal(uri)))) {
            // The value may come from a secret, so the message names the place, never the address.
            problem(pointer, "this is not an https URL", "use a full address starting with https://.");
        }
    }

    static boolean isLocal(URI uri) {
        return "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
    }

    static URI parse(String value) {
        try {
            return new URI(value);
        } catch (Exception e) {
            return null;
        }
    }

    void secret(String pointer, String secret) {
        boolean valid = false;
        if (secret.startsWith("whsec_")) {
            try {
                valid = Base64.getDecoder().decode(secret.substring("whsec_".length())).length >= MIN_SECRET_BYTES;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
        }
        if (!valid) {
            problem(
                    pointer,
                    "the webhook secret is not a valid signing secret",
                    "use whsec_ followed by base64 of at least 24 random bytes, e.g. from: echo whsec_$(openssl rand -base64 32).");
        }
    }

    void checkEmbed() {
        List<String> origins = form.embed().allowedOrigins();
        for (int i = 0; i < origins.size(); i++) {
            String origin = origins.get(i);
            URI uri = parse(origin);
            boolean valid = uri != null
                    && uri.getHost() != null
                    && (uri.getPath() == null || uri.getPath().isEmpty())
                    && uri.getQuery() == null
                    && uri.getFragment() == null
                    && uri.getUserInfo() == null
                    && ("https".equals(uri.getScheme())
                            || ("http".equals(uri.getScheme()) && (allowInsecureUrls || isLocal(uri))));
            if (!valid) {
                problem(
                        "/embed/allowed-origins/" + i,
                        "'" + origin + "' is not an origin",
                        "write scheme and host only, like https://www.example.com (no path, no trailing slash).");
            }
        }
    }
}
