package io.leadgate.forms.definition;

import java.util.List;

/** The web origins allowed to show the form in an iframe. */
public record Embed(List<String> allowedOrigins) {
    public static final Embed NONE = new Embed(null);

    public Embed {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
}
