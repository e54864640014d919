package io.leadgate.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;

/** Service-wide settings under {@code leadgate.*}. */
@ConfigMapping(prefix = "leadgate")
public interface LeadgateConfig {

    /** Public base URL of this Leadgate, used for links in emails and embed snippets. */
    @WithDefault("http://localhost:8080")
    URI publicUrl();

    /**
     * Lets the packaged application start without its secrets or an https public URL, for a local trial only
     * (environment LEADGATE_ALLOW_INSECURE_SETUP). Production refuses to start otherwise.
     */
    @WithDefault("false")
    boolean allowInsecureSetup();

    /** The base URL without a trailing slash, ready to have a path appended. */
    default String baseUrl() {
        String url = publicUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
