package io.leadgate.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The import map of the browser modules Leadgate serves from its mvnpm jars (the studio's editor), with the hash the
 * back office's content security policy names so that this one inline script, and no other, may run.
 */
@ApplicationScoped
@Named("scriptImports")
public class ScriptImports {

    private final String json;
    private final String policySource;

    public ScriptImports() {
        Map<String, String> imports = new TreeMap<>();
        ObjectMapper mapper = new ObjectMapper();
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            for (URL url : Collections.list(loader.getResources("META-INF/importmap.json"))) {
                try (InputStream in = url.openStream()) {
                    mapper.readTree(in)
                            .path("imports")
                            .properties()
                            .forEach(entry ->
                                    imports.put(entry.getKey(), entry.getValue().asText()));
                }
            }
            ObjectNode map = mapper.createObjectNode();
            imports.forEach(map.putObject("imports")::put);
            this.json = mapper.writeValueAsString(map);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            this.policySource = "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The import map as the JSON text of a {@code <script type="importmap">}, exactly as hashed. */
    public String json() {
        return json;
    }

    /** The CSP source that allows exactly that script, e.g. {@code 'sha256-…'}. */
    public String policySource() {
        return policySource;
    }
}
