package io.leadgate.web;

import java.util.List;
import java.util.Locale;

/** Picks the language of a page from {@code ?lang=}, then the browser's Accept-Language, then the form's default. */
final class Languages {

    private Languages() {}

    static String pick(List<String> offered, String requested, String acceptLanguage) {
        if (requested != null && offered.contains(requested)) {
            return requested;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                String match = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), offered);
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException ignored) {
                // A malformed header is the browser's problem; fall back to the form's default.
            }
        }
        return offered.getFirst();
    }
}
