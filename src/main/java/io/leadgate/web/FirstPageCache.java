package io.leadgate.web;

import io.leadgate.common.Html;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cache of each form's first page, rendered once per form version, language and embedding origin, with only the form token
 * and the visitor's source page filled in per request: a view costs a string join instead of a template render.
 * Views with prefilled answers, errors or later steps are rendered in full.
 */
@ApplicationScoped
class FirstPageCache {

    private static final String TOKEN = "lg-token-placeholder-5b1e";
    private static final String SOURCE = "lg-source-placeholder-5b1e";
    /** Enough for every form in every language and origin; a new form version adds keys, so old ones are let go. */
    private static final int MAX_ENTRIES = 500;

    /** A rendered page cut where the token and the source go. */
    private record Skeleton(String beforeToken, String betweenTokenAndSource, String afterSource) {}

    private final Map<String, Skeleton> skeletons = new ConcurrentHashMap<>();

    /** The first page for this view's token and source; {@code view} must have no answers, errors or notice. */
    String firstPage(FormView view) {
        String key = view.form().contentHash()
                + '|'
                + view.lang()
                + '|'
                + view.embedOrigin()
                + '|'
                + view.preview()
                + '|'
                + view.assignment();
        Skeleton skeleton = skeletons.get(key);
        if (skeleton == null) {
            if (skeletons.size() >= MAX_ENTRIES) {
                skeletons.clear();
            }
            skeleton =
                    cut(ProspectPages.form(view.withToken(TOKEN).from(SOURCE)).render());
            if (skeleton == null) {
                return ProspectPages.form(view).render();
            }
            skeletons.put(key, skeleton);
        }
        String source = view.referrer() == null ? "" : Html.escape(view.referrer());
        return skeleton.beforeToken()
                + view.token()
                + skeleton.betweenTokenAndSource()
                + source
                + skeleton.afterSource();
    }

    private static Skeleton cut(String html) {
        int token = html.indexOf(TOKEN);
        int source = html.indexOf(SOURCE);
        if (token < 0
                || source < token
                || html.indexOf(TOKEN, token + 1) >= 0
                || html.indexOf(SOURCE, source + 1) >= 0) {
            return null;
        }
        return new Skeleton(
                html.substring(0, token),
                html.substring(token + TOKEN.length(), source),
                html.substring(source + SOURCE.length()));
    }
}
