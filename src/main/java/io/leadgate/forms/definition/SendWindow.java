package io.leadgate.forms.definition;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/** The days and hours, in one time zone, when marketing email may go out; without days or hours, any. */
public record SendWindow(List<String> days, String from, String until, String timeZone) {

    public SendWindow {
        days = days == null ? List.of() : List.copyOf(days);
    }

    /** {@code now} when it lies inside the window, else the window's next opening. */
    public Instant nextOpening(Instant now) {
        ZoneId zone = ZoneId.of(timeZone);
        LocalTime opens = from == null ? LocalTime.MIN : LocalTime.parse(from);
        LocalTime closes = until == null ? LocalTime.MAX : LocalTime.parse(until);
        Set<DayOfWeek> allowed = allowedDays();
        ZonedDateTime local = now.atZone(zone);
        for (int day = 0; day <= 7; day++) {
            ZonedDateTime date = local.plusDays(day);
            if (!allowed.contains(date.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime opening = date.with(opens);
            ZonedDateTime closing = date.with(closes);
            if (day == 0 && !local.isBefore(opening) && local.isBefore(closing)) {
                return now;
            }
            if (opening.isAfter(local)) {
                return opening.toInstant();
            }
        }
        return now;
    }

    Set<DayOfWeek> allowedDays() {
        return Weekdays.of(days);
    }
}
