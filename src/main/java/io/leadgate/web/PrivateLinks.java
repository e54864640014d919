package io.leadgate.web;

import io.leadgate.common.Translations;
import jakarta.ws.rs.core.Response;

/** Answers for pages opened by an emailed link whose token is its only credential (confirmation and follow-up links). */
final class PrivateLinks {

    private PrivateLinks() {}

    /** The page for a link that is unknown, forged or no longer works. */
    static Response invalid() {
        PageMessages text = Translations.bundle(PageMessages.class, "en");
        return noStore(Response.status(404)
                .entity(ProspectPages.refused(text.invalidLinkTitle(), text.invalidLinkMessage(), "en")));
    }

    /** Keeps the token in the URL out of Referer headers and caches. */
    static Response noStore(Response.ResponseBuilder response) {
        return response.header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }
}
