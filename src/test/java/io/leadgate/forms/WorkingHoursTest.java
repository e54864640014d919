package io.leadgate.forms;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.WorkingHours;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Follow-up deadlines count only the reps' working hours, and a form's deadline settings are checked. */
class WorkingHoursTest {

    private static final WorkingHours OFFICE =
            new WorkingHours(List.of("mon", "tue", "wed", "thu", "fri"), "09:00", "17:00", "Europe/Berlin");

    private static Instant berlin(String local) {
        return ZonedDateTime.parse(local + "+01:00[Europe/Berlin]").toInstant();
    }

    @Test
    void aDeadlineInsideTheHoursIsPlainAddition() {
        assertEquals(
                berlin("2026-12-02T10:15:00"), OFFICE.deadline(berlin("2026-12-02T10:00:00"), Duration.ofMinutes(15)));
    }

    @Test
    void whatIsLeftAtClosingTimeCarriesOverTheWeekend() {
        assertEquals(
                berlin("2026-12-07T09:05:00"),
                OFFICE.deadline(berlin("2026-12-04T16:50:00"), Duration.ofMinutes(15)),
                "Friday 16:50 plus 15 minutes is Monday 09:05");
    }

    @Test
    void aLeadArrivingAtNightOrOnSaturdayStartsCountingAtOpening() {
        assertEquals(
                berlin("2026-12-02T09:15:00"), OFFICE.deadline(berlin("2026-12-02T06:30:00"), Duration.ofMinutes(15)));
        assertEquals(
                berlin("2026-12-07T09:15:00"), OFFICE.deadline(berlin("2026-12-05T11:00:00"), Duration.ofMinutes(15)));
        assertEquals(
                berlin("2026-12-03T09:30:00"),
                OFFICE.deadline(berlin("2026-12-02T18:00:00"), Duration.ofMinutes(30)),
                "after closing counts from the next morning");
    }

    @Test
    void withoutDaysOrHoursEveryMomentCounts() {
        WorkingHours always = new WorkingHours(null, null, null, "UTC");
        Instant start = Instant.parse("2026-12-05T23:59:00Z");
        assertEquals(start.plus(Duration.ofHours(3)), always.deadline(start, Duration.ofHours(3)));
    }

    private static List<Finding> check(String routing) {
        String yaml = """
                id: checked
                title: Checked
                dimensions: {need: {max: 10}}
                steps:
                  - id: one
                    questions:
                      - {id: email, type: email, label: Email, required: true}
                outcomes: {qualified: {min: 70}, nurture: {min: 30}}
                """ + routing;
        try {
            FormDefinition form = JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                    .findAndAddModules()
                    .build()
                    .treeToValue(new YAMLMapper().readTree(yaml), FormDefinition.class);
            return FormValidator.check(form, "checked", false);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDeadlineNeedsRepsAndWorkingHoursThatExist() {
        assertEquals(List.of(), check("""
                        routing:
                          qualified:
                            follow-up: PT15M
                            working-hours: {days: [mon, fri], from: "09:00", until: "17:30", time-zone: Europe/Berlin}
                            assignment: {reps: [{email: ana@example.com}, {email: ben@example.com}]}
                        """));
        List<Finding> findings = check("""
                routing:
                  qualified:
                    email: [sales@example.com]
                    follow-up: PT15M
                    working-hours: {from: "18:00", until: "09:00", time-zone: Europe/Springfield}
                """);
        List<String> pointers = findings.stream().map(Finding::pointer).toList();
        assertEquals(
                List.of(
                        "/routing/qualified/follow-up",
                        "/routing/qualified/working-hours/time-zone",
                        "/routing/qualified/working-hours/until"),
                pointers,
                findings.toString());
        assertTrue(findings.getFirst().toString().contains("assignment"), findings.toString());
    }
}
