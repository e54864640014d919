package io.leadgate.admin;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the visual view's fields and buttons write into a form's YAML, and what they refuse. */
class VisualEditsTest {

    private static final String FORM = """
            # Keep me.
            id: edits
            title: Edits
            languages: [en, de]
            dimensions:
              need: {max: 40}
            knockouts:
              student: Students are not buyers.
            steps:
              - id: one
                questions:
                  - id: need
                    type: single
                    label: What do you need?
                    required: true
                    options:
                      - {value: a, label: Alpha, points: {need: 10}}
                      - {value: b, label: Beta}
                  - id: size
                    type: number
                    label: {en: "How many?", de: "Wie viele?"}
              - id: two
                questions:
                  - {id: email, type: email, label: Email, required: true}
            outcomes:
              qualified: {min: 70}
              nurture: {min: 30}
            """;

    private static MultivaluedMap<String, String> fields(String... namesAndValues) {
        MultivaluedMap<String, String> fields = new MultivaluedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static String edit(String... namesAndValues) {
        MultivaluedMap<String, String> posted = fields(namesAndValues);
        return VisualActions.apply(VisualEdits.apply(FORM, posted), posted);
    }

    @Test
    void aTextGetsItsTranslationsAndAnOptionalOneCanBeEmptiedAgain() {
        String translated = edit(
                "text:/steps/0/questions/0/label@en", "What do you need?",
                "text:/steps/0/questions/0/label@de", "Was brauchen Sie?");
        assertEquals(
                FORM.replace(
                        "label: What do you need?", "label: {en: \"What do you need?\", de: \"Was brauchen Sie?\"}"),
                translated);
        assertEquals(FORM, edit("text:/steps/0/questions/0/label@en", "What do you need?", "text:/x@de", ""));
        assertEquals(
                FORM.replace("de: \"Wie viele?\"}", "de: \"Wie viele genau?\"}"),
                edit("text:/steps/0/questions/1/label@de", "Wie viele genau?"));
        String help = edit("text:/steps/0/questions/0/help@en", "Pick one.");
        assertTrue(help.contains("label: What do you need?\n        help: Pick one.\n"), help);
        assertEquals(
                FORM,
                VisualEdits.apply(
                        help,
                        fields("text:/steps/0/questions/0/help@en", "", "text:/steps/0/questions/0/help@de", "")));
        assertThrows(IllegalArgumentException.class, () -> edit("text:/steps/0/questions/0/label@en", " "));
    }

    @Test
    void pointsRequiredShowIfAndKnockoutsAreSetAndRemovedInPlace() {
        String changed = edit(
                "num:/steps/0/questions/0/options/1/points/need", "5",
                "num:/steps/0/questions/0/options/0/points/need", "",
                "seen-required:/steps/1/questions/0", "yes",
                "showif:/steps/0/questions/1", "need",
                "knockout:/steps/0/questions/0/options/1", "student",
                "route:/knockouts/student", "nurture");
        assertEquals(
                FORM.replace("{value: a, label: Alpha, points: {need: 10}}", "{value: a, label: Alpha, points: {}}")
                        .replace(
                                "{value: b, label: Beta}",
                                "{value: b, label: Beta, points: {need: 5}, knockout: student}")
                        .replace(
                                "{id: email, type: email, label: Email, required: true}",
                                "{id: email, type: email, label: Email}")
                        .replace(
                                "label: {en: \"How many?\", de: \"Wie viele?\"}\n",
                                "label: {en: \"How many?\", de: \"Wie viele?\"}\n        show-if: {question: need, answered: true}\n")
                        .replace(
                                "student: Students are not buyers.",
                                "student: {reason: Students are not buyers., route: nurture}"),
                changed);
        String one = VisualEdits.apply(
                changed, fields("showif:/steps/0/questions/1", "need", "showif-answer:/steps/0/questions/1", "a"));
        assertTrue(one.contains("show-if: {question: need, equals: a}"), one);
        MultivaluedMap<String, String> both = fields("showif:/steps/0/questions/1", "need");
        both.addAll("showif-answer:/steps/0/questions/1", "a", "b");
        assertTrue(VisualEdits.apply(one, both).contains("show-if: {question: need, in: [a, b]}"));
        assertEquals(
                changed.replace("        show-if: {question: need, answered: true}\n", ""),
                VisualEdits.apply(changed, fields("showif:/steps/0/questions/1", "")));
        assertThrows(
                IllegalArgumentException.class,
                () -> edit("knockout:/steps/0/questions/0/options/0", "no-such-reason"));
        assertThrows(IllegalArgumentException.class, () -> edit("num:/outcomes/qualified/min", "seventy"));
    }

    @Test
    void stepsRangesAnswersAndReasonsAreAddedAsWholeItems() {
        String step = edit("op", "add-step", "new-step@en", "Your budget", "new-step@de", "Ihr Budget");
        assertTrue(
                step.endsWith("questions:\n      - {id: email, type: email, label: Email, required: true}\n"
                        + "  - id: your-budget\n    title: {en: Your budget, de: Ihr Budget}\n    questions: []\n"
                        + "outcomes:\n  qualified: {min: 70}\n  nurture: {min: 30}\n"),
                step);
        String range = edit(
                "op", "add-range:/steps/0/questions/1",
                "new-range-min:/steps/0/questions/1", "10",
                "new-range-points:/steps/0/questions/1@need", "20");
        assertTrue(
                range.contains("de: \"Wie viele?\"}\n        ranges:\n          - {min: 10, points: {need: 20}}\n"),
                range);
        String answer = edit("op", "add-option:/steps/0/questions/0", "new-option:/steps/0/questions/0", "Gamma ray");
        assertTrue(answer.contains("- {value: b, label: Beta}\n          - {value: gamma-ray, label: Gamma ray}\n"));
        String reason = edit("op", "add-knockout", "new-knockout@en", "Too small", "new-knockout-route", "nurture");
        assertTrue(reason.contains(
                "  student: Students are not buyers.\n  too-small: {reason: Too small, route: nurture}\n"));
    }

    @Test
    void whatWouldLeaveTheFormWithoutItsPartsIsRefused() {
        IllegalArgumentException step =
                assertThrows(IllegalArgumentException.class, () -> edit("op", "step-delete:/steps/1"));
        assertTrue(step.getMessage().contains("tick 'Delete the 1 question(s) of step two too'"), step.getMessage());
        assertEquals(
                FORM.substring(0, FORM.indexOf("  - id: two")) + FORM.substring(FORM.indexOf("outcomes:")),
                edit("op", "step-delete:/steps/1", "confirm-delete:/steps/1", "yes"));
        assertThrows(IllegalArgumentException.class, () -> edit("op", "delete:/steps/1/questions/0"));
        assertThrows(IllegalArgumentException.class, () -> edit("op", "delete-option:/steps/0/questions/0/options/0"));
        assertThrows(IllegalArgumentException.class, () -> edit("op", "up:/steps/0/../secret"));
        assertThrows(IllegalArgumentException.class, () -> edit("text:/steps/0/label@en", "x", "languages", "english"));
    }
}
