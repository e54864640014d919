package io.leadgate.reporting;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a visit or a lead came from, as reports group it: the UTM source, medium and campaign, and the referring site's
 * domain. Values are trimmed, lower-cased (so "Google" and "google" are one source) and cut to 100 characters; the
 * domain is the referrer's host without "www." and never its path or query. Nothing here says who the visitor was.
 */
public record TrafficSource(String utmSource, String utmMedium, String utmCampaign, String referrerDomain) {

    public static final TrafficSource NONE = new TrafficSource(null, null, null, null);
    static final int MAX = 100;

    public TrafficSource {
        utmSource = value(utmSource);
        utmMedium = value(utmMedium);
        utmCampaign = value(utmCampaign);
        referrerDomain = referrerDomain == null || referrerDomain.isBlank() ? null : referrerDomain;
    }

    /**
     * The source of a page view: UTM parameters from its query string and the domain of the page that referred to it,
     * unless that is {@code ownHost} (a reload or a language switch on Leadgate's own page is not a referral).
     */
    public static TrafficSource of(Map<String, List<String>> query, String referrer, String ownHost) {
        String domain = domain(referrer);
        return new TrafficSource(
                first(query, "utm_source"),
                first(query, "utm_medium"),
                first(query, "utm_campaign"),
                domain != null && ownHost != null && domain.equals(domain("https://" + ownHost + "/")) ? null : domain);
    }

    /** The source of a submission: its stored hidden fields and referrer. */
    public static TrafficSource ofSubmission(Map<String, String> hidden, String referrer) {
        return new TrafficSource(
                hidden.get("utm_source"), hidden.get("utm_medium"), hidden.get("utm_campaign"), domain(referrer));
    }

    /** The host of an http(s) address, lower case, without a leading "www."; null for anything else. */
    public static String domain(String url) {
        if (url == null || url.length() > 2000) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String host = uri.getHost();
            if (host == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            host = host.startsWith("www.") ? host.substring(4) : host;
            return host.isEmpty() || host.length() > 255 ? null : host;
        } catch (Exception e) {
            return null;
        }
    }

    static String value(String raw) {
        if (raw == null) {
            return null;
        }
        String clean = raw.strip().toLowerCase(Locale.ROOT);
        if (clean.chars().anyMatch(Character::isISOControl)) {
            clean = clean.replaceAll("\\p{Cntrl}", "");
        }
        if (clean.isEmpty()) {
            return null;
        }
        return clean.length() > MAX ? clean.substring(0, MAX) : clean;
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> values = query == null ? null : query.get(key);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
