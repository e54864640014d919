package io.leadgate.forms;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rep's {@code booking-url} (Cal.com, Calendly, Microsoft Bookings or any scheduler): placeholders such as
 * {@code {name}} are filled with the URL-encoded answers of the prospect it is shown to, and the submission's UTM
 * parameters are added unless the URL already names them. Placeholders may stand only after the host, so a prospect's
 * answers can never pick where the link goes.
 */
public final class BookingLinks {

    /** The placeholders a booking URL may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("name", "first-name", "last-name", "email", "company");

    /** The submission's hidden fields a booking link carries on as query parameters. */
    public static final List<String> UTM =
            List.of("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final int MAX_VALUE = 200;

    private BookingLinks() {}

    /** The prospect's own details that placeholders are filled with. */
    public record Prospect(String name, String email, String company) {

        String value(String placeholder) {
            String full = name == null ? "" : name.strip();
            int space = full.indexOf(' ');
            return switch (placeholder) {
                case "name" -> full;
                case "first-name" -> space < 0 ? full : full.substring(0, space);
                case "last-name" -> space < 0 ? "" : full.substring(space + 1).strip();
                case "email" -> email == null ? "" : email.strip();
                case "company" -> company == null ? "" : company.strip();
                default -> "";
            };
        }
    }

    /**
     * The link for this prospect: every placeholder replaced by its URL-encoded value (empty when unknown, at most 200
     * characters), then each UTM parameter of {@code hidden} the URL does not already carry appended. Empty when the
     * result is not an http(s) URL with a host (a template the loader refused, or a value that still broke it).
     */
    public static Optional<String> fill(String template, Prospect prospect, Map<String, String> hidden) {
        if (template == null || template.isBlank()) {
            return Optional.empty();
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder url = new StringBuilder();
        while (matcher.find()) {
            String value = prospect.value(matcher.group(1));
            if (value.length() > MAX_VALUE) {
                value = value.substring(0, MAX_VALUE);
            }
            matcher.appendReplacement(url, Matcher.quoteReplacement(encode(value)));
        }
        matcher.appendTail(url);
        String filled = withUtm(url.toString(), hidden == null ? Map.of() : hidden);
        URI uri = parse(filled);
        URI written = parse(sample(template));
        if (uri == null
                || written == null
                || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                || !uri.getHost().equals(written.getHost())) {
            return Optional.empty();
        }
        return Optional.of(filled);
    }

    /** What is wrong with a booking URL as a form author wrote it, or empty; {@code http} says whether plain http is allowed. */
    static List<String> problems(String template, boolean http) {
        List<String> problems = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                problems.add("'{" + matcher.group(1) + "}' is not a placeholder a booking URL knows");
            }
        }
        URI uri = parse(sample(template));
        boolean scheme = uri != null
                && uri.getHost() != null
                && uri.getUserInfo() == null
                && ("https".equals(uri.getScheme())
                        || ("http".equals(uri.getScheme()) && (http || UrlChecks.isLocal(uri))));
        if (!scheme) {
            problems.add("this is not an https URL");
        } else if (template.indexOf('{') >= 0 && template.indexOf('{') < authorityEnd(template)) {
            problems.add("a placeholder stands before the path, where an answer could change the address");
        }
        return problems;
    }

    /** Where the part after scheme and host begins: the first '/', '?' or '#' after "://". */
    private static int authorityEnd(String url) {
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return url.length();
    }

    private static String sample(String template) {
        return PLACEHOLDER.matcher(template).replaceAll("x");
    }

    private static String withUtm(String url, Map<String, String> hidden) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        Map<String, String> added = new LinkedHashMap<>();
        String query = base.contains("?") ? base.substring(base.indexOf('?') + 1) : "";
        for (String key : UTM) {
            String value = hidden.get(key);
            boolean present = ("&" + query).contains("&" + key + "=");
            if (value != null && !value.isBlank() && !present) {
                added.put(key, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value);
            }
        }
        if (added.isEmpty()) {
            return url;
        }
        StringBuilder out = new StringBuilder(base);
        char separator = !base.contains("?") ? '?' : base.endsWith("?") || base.endsWith("&") ? 0 : '&';
        for (Map.Entry<String, String> e : added.entrySet()) {
            if (separator != 0) {
                out.append(separator);
            }
            out.append(e.getKey()).append('=').append(encode(e.getValue()));
            separator = '&';
        }
        return out.append(fragment).toString();
    }

    private static String encode(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        // Slashes are encoded already; an answer of only dots is too, so that in a path it cannot climb to another
        // page of the scheduler.
        return encoded.chars().allMatch(c -> c == '.') ? encoded.replace(".", "%2E") : encoded;
    }

    private static URI parse(String value) {
        try {
            return new URI(value);
        } catch (Exception e) {
            return null;
        }
    }
}
