package io.leadgate.delivery;

import java.time.Duration;

/**
 * How one attempt ended. {@code permanent} failures are not retried; {@code retryAfter} is the receiver's own
 * wish; {@code disableEndpoint} switches the endpoint off (410 Gone).
 */
record SendResult(boolean delivered, Integer statusCode, String error, String excerpt, boolean permanent,
                  Duration retryAfter, boolean disableEndpoint) {

    static SendResult delivered(Integer statusCode, String excerpt) {
        return new SendResult(true, statusCode, null, excerpt, false, null, false);
    }

    static SendResult retry(Integer statusCode, String error, String excerpt, Duration retryAfter) {
        return new SendResult(false, statusCode, error, excerpt, false, retryAfter, false);
    }

    static SendResult permanent(Integer statusCode, String error, String excerpt) {
        return new SendResult(false, statusCode, error, excerpt, true, null, false);
    }
}
