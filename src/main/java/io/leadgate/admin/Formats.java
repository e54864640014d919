package io.leadgate.admin;

import io.quarkus.qute.TemplateExtension;

import java.util.Locale;

/** Numbers as back-office pages show them: {@code {fmt:percent(rate)}}, {@code {fmt:lift(lift)}}, {@code {fmt:duration(seconds)}}. */
@TemplateExtension(namespace = "fmt")
final class Formats {

    private Formats() {}

    static String percent(Double rate) {
        return rate == null ? "–" : Math.round(rate * 100) + " %";
    }

    /** Won revenue as "8000 EUR"; a dash when there is none. */
    static String money(java.math.BigDecimal amount, String currency) {
        return amount == null || amount.signum() == 0
                ? "–"
                : amount.stripTrailingZeros().toPlainString() + (currency == null ? "" : " " + currency);
    }

    static String lift(Double lift) {
        return lift == null ? "–" : String.format(Locale.ROOT, "×%.2f", lift);
    }

    /** A moment for a {@code datetime} attribute: whole seconds, UTC. */
    static String iso(java.time.Instant at) {
        return at == null
                ? ""
                : at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** A moment as people read it: {@code 2026-11-23 14:05 UTC}. */
    static String when(java.time.Instant at) {
        return at == null ? "–" : at.toString().substring(0, 16).replace('T', ' ') + " UTC";
    }

    /** A failed message's last error in words; Leadgate tries again at {@code retryAt}, or stopped if it is null. */
    static String failure(Object channel, String error, java.time.Instant retryAt) {
        return DeliveryErrors.explain(String.valueOf(channel), error, retryAt);
    }

    /** One attempt's error in words. */
    static String attemptFailure(Object channel, String error) {
        return DeliveryErrors.explain(String.valueOf(channel), error);
    }

    static String join(java.util.List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    static String duration(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        if (seconds < 1) {
            return Math.round(seconds * 1000) + " ms";
        }
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 2 * 3600) {
            return Math.round(seconds / 60) + " min";
        }
        if (seconds < 2 * 86400) {
            return Math.round(seconds / 3600) + " h";
        }
        return Math.round(seconds / 86400) + " days";
    }
}
