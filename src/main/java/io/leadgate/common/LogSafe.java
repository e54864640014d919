package io.leadgate.common;

import java.util.regex.Pattern;

/** Makes text from outside (SMTP replies, receiver errors) fit for logs: no email address survives. */
public final class LogSafe {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\]\"',;:]+@[^\\s<>()\\[\\]\"',;:]+");

    private LogSafe() {}

    public static String redact(String text) {
        return text == null ? null : ADDRESS.matcher(text).replaceAll("<address>");
    }
}
