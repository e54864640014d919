package io.leadgate.forms.definition;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * The days and hours, in one time zone, when the reps of a form work; a follow-up deadline counts only time inside
 * them. Without days every day counts, without {@code from} or {@code until} the day starts or ends at midnight.
 */
public record WorkingHours(List<String> days, String from, String until, String timeZone) {

    /** How far ahead a deadline is looked for before giving up on the hours (a window nobody could ever be in). */
    private static final int MAX_DAYS = 3_660;

    public WorkingHours {
        days = days == null ? List.of() : List.copyOf(days);
    }

    /** The moment {@code within} of working time has passed after {@code start}. */
    public Instant deadline(Instant start, Duration within) {
        ZoneId zone = ZoneId.of(timeZone);
        LocalTime opens = from == null ? LocalTime.MIDNIGHT : LocalTime.parse(from);
        LocalTime closes = until == null ? null : LocalTime.parse(until);
        Set<DayOfWeek> allowed = allowedDays();
        ZonedDateTime at = start.atZone(zone);
        Duration left = within;
        LocalDate date = at.toLocalDate();
        for (int day = 0; day < MAX_DAYS; day++, date = date.plusDays(1)) {
            if (!allowed.contains(date.getDayOfWeek())) {
                continue;
            }
            // atZone moves a time in a daylight-saving gap forward, so a window never opens twice or not at all.
            ZonedDateTime opening = date.atTime(opens).atZone(zone);
            ZonedDateTime closing = closes == null
                    ? date.plusDays(1).atStartOfDay(zone)
                    : date.atTime(closes).atZone(zone);
            if (!at.isBefore(closing)) {
                continue;
            }
            ZonedDateTime begin = at.isAfter(opening) ? at : opening;
            Duration available = Duration.between(begin, closing);
            if (left.compareTo(available) <= 0) {
                return begin.plus(left).toInstant();
            }
            left = left.minus(available);
        }
        return start.plus(within);
    }

    Set<DayOfWeek> allowedDays() {
        return Weekdays.of(days);
    }
}
