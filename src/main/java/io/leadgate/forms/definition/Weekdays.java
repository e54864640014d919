package io.leadgate.forms.definition;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Days of the week as forms write them ("mon", "tuesday"), for send windows and working hours alike. */
final class Weekdays {

    private Weekdays() {}

    /** The days named; every day when none is. */
    static Set<DayOfWeek> of(List<String> days) {
        if (days.isEmpty()) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        EnumSet<DayOfWeek> allowed = EnumSet.noneOf(DayOfWeek.class);
        for (String day : days) {
            for (DayOfWeek candidate : DayOfWeek.values()) {
                if (candidate.name().toLowerCase(Locale.ROOT).startsWith(day)) {
                    allowed.add(candidate);
                }
            }
        }
        return allowed;
    }
}
