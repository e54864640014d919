package io.leadgate.delivery;

import java.time.Duration;

/**
 * How one attempt ended. {@code permanent} failures are not retried; {@code suppressed} ones were never tried;
 * {@code retryAfter} is the receiver's own wish; {@code disableEndpoint} switches the endpoint off (410 Gone).
 */
record SendResult(
        boolean delivered,
        Integer statusCode,
        String error,
        String excerpt,
        boolean permanent,
        Duration retryAfter,
        boolean disableEndpoint,
        boolean suppressed) {

    static SendResult delivered(Integer statusCode, String excerpt) {
        return new SendResult(true, statusCode, null, excerpt, false, null, false, false);
    }

    static SendResult retry(Integer statusCode, String error, String excerpt, Duration retryAfter) {
        return new SendResult(false, statusCode, error, excerpt, false, retryAfter, false, false);
    }

    static SendResult permanent(Integer statusCode, String error, String excerpt) {
        return new SendResult(false, statusCode, error, excerpt, true, null, false, false);
    }

    /** Not sent on purpose: the recipient opted out of marketing email. */
    static SendResult notSentToSuppressed() {
        return new SendResult(
                false, null, "not sent: the recipient is on the suppression list", null, true, null, false, true);
    }
}
