package io.leadgate.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** When a failed message is tried again: the configured schedule with jitter, or later if the receiver asked. */
final class RetryPolicy {

    private final List<Duration> schedule;
    private final double jitter;

    RetryPolicy(List<Duration> schedule, double jitter) {
        this.schedule = List.copyOf(schedule);
        this.jitter = jitter;
    }

    /** The time of the next attempt after {@code attemptsMade} attempts, or empty when the schedule is used up. */
    Optional<Instant> next(int attemptsMade, Instant now, Duration atLeast) {
        if (attemptsMade >= schedule.size()) {
            return Optional.empty();
        }
        Duration delay = schedule.get(attemptsMade);
        long spread = (long) (delay.toMillis() * jitter);
        if (spread > 0) {
            delay = delay.plusMillis(ThreadLocalRandom.current().nextLong(-spread, spread + 1));
        }
        if (atLeast != null && delay.compareTo(atLeast) < 0) {
            delay = atLeast;
        }
        return Optional.of(now.plus(delay));
    }

    /** A {@code Retry-After} header's wait: seconds or an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(
                    Math.min(Long.parseLong(header.strip()), Duration.ofDays(1).toSeconds())));
        } catch (NumberFormatException e) {
            try {
                Instant at = java.time.ZonedDateTime.parse(
                                header.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Optional.of(Duration.between(now, at)).filter(d -> !d.isNegative());
            } catch (java.time.format.DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }
}
