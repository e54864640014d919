package io.leadgate.forms.definition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Optional;

/**
 * One answer a prospect can pick, with the points it earns, the knockout it triggers, and the date by which a nurtured
 * prospect who picked it should be asked again ({@code requalify-on}).
 */
public record Option(String value, Text label, Map<String, Integer> points, String knockout, String requalifyOn) {
    public Option {
        points = points == null ? Map.of() : Map.copyOf(points);
    }

    /**
     * When a prospect who picked this option at {@code answeredAt} should be invited to re-qualify: the first day of
     * the next month, quarter or year (UTC), or the declared period after answering.
     */
    public Optional<Instant> requalifyAt(Instant answeredAt) {
        if (requalifyOn == null || answeredAt == null) {
            return Optional.empty();
        }
        LocalDate day = answeredAt.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate date = switch (requalifyOn) {
            case "next-month" -> day.with(TemporalAdjusters.firstDayOfNextMonth());
            case "next-quarter" -> day.with(IsoFields.DAY_OF_QUARTER, 1).plusMonths(3);
            case "next-year" -> day.with(TemporalAdjusters.firstDayOfNextYear());
            default -> null;
        };
        if (date != null) {
            return Optional.of(date.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        return Optional.of(answeredAt
                .atZone(ZoneOffset.UTC)
                .plus(Period.parse(requalifyOn))
                .toInstant());
    }
}
