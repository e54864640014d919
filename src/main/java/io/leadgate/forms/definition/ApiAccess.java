package io.leadgate.forms.definition;

import java.util.List;

/**
 * Who may post JSON submissions to a form: anyone ({@code open}), clients with a publishable key, or browsers with a
 * signed form token; rate limits, the honeypot and the fill time apply to every one of them.
 */
public record ApiAccess(Mode access, List<String> publishableKeys) {

    public static final ApiAccess OPEN = new ApiAccess(Mode.OPEN, List.of());

    /** How a JSON submission proves it may be posted. */
    public enum Mode {
        @com.fasterxml.jackson.annotation.JsonProperty("open")
        OPEN,
        @com.fasterxml.jackson.annotation.JsonProperty("publishable-key")
        PUBLISHABLE_KEY,
        @com.fasterxml.jackson.annotation.JsonProperty("form-token")
        FORM_TOKEN
    }

    public ApiAccess {
        access = access == null ? Mode.OPEN : access;
        publishableKeys = publishableKeys == null ? List.of() : List.copyOf(publishableKeys);
    }
}
