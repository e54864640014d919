package io.leadgate.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an {@code application/x-www-form-urlencoded} body strictly: every field in order, repeated fields kept, and
 * bytes that are not UTF-8 reported instead of being guessed at (the framework's decoder falls back to Latin-1).
 */
final class FormBody {

    private FormBody() {}

    /** The fields by name, or empty when the body is not valid UTF-8. */
    static Optional<Map<String, List<String>>> parse(String raw) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return Optional.of(fields);
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name == null || value == null) {
                return Optional.empty();
            }
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return Optional.of(fields);
    }

    private static String decode(String part) {
        try {
            String decoded = URLDecoder.decode(part, StandardCharsets.UTF_8);
            return decoded.indexOf('\uFFFD') >= 0 ? null : decoded;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
