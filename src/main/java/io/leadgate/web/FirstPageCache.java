package io.leadgate.web;

import io.leadgate.common.Html;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cache of each form's first page, rendered once per form version, language and embedding origin, with only the form token
 * and the visitor's source page filled in per request: a view costs a few bytes around cached ones instead of a template
 * render.
 * Views with prefilled answers, errors or later steps are rendered in full.
 */
@ApplicationScoped
class FirstPageCache {

    private static final String TOKEN = "lg-token-placeholder-5b1e";
    private static final String SOURCE = "lg-source-placeholder-5b1e";
    /** Enough for every form in every language and origin; a new form version adds keys, so old ones are let go. */
    private static final int MAX_ENTRIES = 500;

    /** A rendered page in UTF-8, cut where the token and the source go. */
    private record Skeleton(byte[] beforeToken, byte[] betweenTokenAndSource, byte[] afterSource) {}

    /** What a first page depends on besides the token and the source. */
    private record Key(String contentHash, String lang, String embedOrigin, boolean preview, String assignment) {}

    private final Map<Key, Skeleton> skeletons = new ConcurrentHashMap<>();

    /**
     * The first page for this view's token and source, in UTF-8; {@code view} must have no answers, errors or notice.
     * The buffer shares the cached parts instead of copying them: nothing may write to it.
     */
    Buffer firstPage(FormView view) {
        Key key =
                new Key(view.form().contentHash(), view.lang(), view.embedOrigin(), view.preview(), view.assignment());
        Skeleton skeleton = skeletons.get(key);
        if (skeleton == null) {
            if (skeletons.size() >= MAX_ENTRIES) {
                skeletons.clear();
            }
            skeleton =
                    cut(ProspectPages.form(view.withToken(TOKEN).from(SOURCE)).render());
            if (skeleton == null) {
                return Buffer.buffer(ProspectPages.form(view).render());
            }
            skeletons.put(key, skeleton);
        }
        byte[] source = view.referrer() == null
                ? new byte[0]
                : Html.escape(view.referrer()).getBytes(StandardCharsets.UTF_8);
        return Buffer.buffer(Unpooled.wrappedBuffer(
                skeleton.beforeToken(),
                view.token().getBytes(StandardCharsets.US_ASCII),
                skeleton.betweenTokenAndSource(),
                source,
                skeleton.afterSource()));
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
                html.substring(0, token).getBytes(StandardCharsets.UTF_8),
                html.substring(token + TOKEN.length(), source).getBytes(StandardCharsets.UTF_8),
                html.substring(source + SOURCE.length()).getBytes(StandardCharsets.UTF_8));
    }
}
