package io.leadgate.forms;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The visual view's edits change only what they change: comments, order and layout elsewhere stay. */
class YamlEditsTest {

    private static final String FORM = """
            # Keep this comment.
            id: edits
            steps:
              - id: one
                questions:
                  - id: need   # and this one
                    type: single
                    label: "What do you need?"
                    options:
                      - {value: a, label: Alpha, points: {need: 10}}
                      - {value: b, label: {en: Beta, de: Beta DE}, points: {need: 5}}
                  - id: when
                    type: single
                    label: When?
                    options: [{value: now, label: Now}]
            outcomes: {qualified: {min: 70}, nurture: {min: 30}}
            """;

    @Test
    void aValueChangesWhereItStands() {
        String changed = YamlEdits.of(FORM).setScalar("/outcomes/qualified/min", "80");
        assertEquals(FORM.replace("{min: 70}", "{min: 80}"), changed);
        String label = YamlEdits.of(FORM).setScalar("/steps/0/questions/0/label", "What's your need: now?");
        assertEquals(FORM.replace("\"What do you need?\"", "\"What's your need: now?\""), label);
        String plain = YamlEdits.of(FORM).setScalar("/steps/0/questions/0/options/1/label/de", "Beta neu");
        assertEquals(FORM.replace("de: Beta DE}", "de: Beta neu}"), plain);
        String points = YamlEdits.of(FORM).setScalar("/steps/0/questions/0/options/0/points/need", "15");
        assertEquals(FORM.replace("points: {need: 10}", "points: {need: 15}"), points);
        assertEquals(
                FORM.replace("id: need   #", "id: needs   #"),
                YamlEdits.of(FORM).setScalar("/steps/0/questions/0/id", "needs"));
    }

    @Test
    void itemsAreAddedRemovedAndMovedAsWholeLines() {
        String added = YamlEdits.of(FORM)
                .appendItem("/steps/0/questions", List.of("- id: budget", "type: single", "label: Budget?"));
        assertEquals(
                FORM.replace(
                        "    options: [{value: now, label: Now}]\n",
                        "    options: [{value: now, label: Now}]\n      - id: budget\n        type: single\n        label: Budget?\n"),
                added);
        String removed = YamlEdits.of(FORM).removeItem("/steps/0/questions/0/options/0");
        assertEquals(FORM.replace("          - {value: a, label: Alpha, points: {need: 10}}\n", ""), removed);
        String moved = YamlEdits.of(FORM).moveItem("/steps/0/questions/1", true);
        String first = FORM.substring(FORM.indexOf("      - id: need"), FORM.indexOf("      - id: when"));
        String second = FORM.substring(FORM.indexOf("      - id: when"), FORM.indexOf("outcomes:"));
        assertEquals(FORM.replace(first + second, second + first), moved);
        assertEquals(FORM, YamlEdits.of(moved).moveItem("/steps/0/questions/0", false));
    }

    @Test
    void membersAreSetWhereTheyStandOrAddedAfterTheirNeighbour() {
        assertEquals(
                YamlEdits.of(FORM).setScalar("/outcomes/qualified/min", "75"),
                YamlEdits.of(FORM).put("/outcomes/qualified/min", "75"));
        assertEquals(
                FORM.replace("{min: 70}", "{min: 70, thank-you: {title: Great}}"),
                YamlEdits.of(FORM).put("/outcomes/qualified/thank-you", "{title: Great}"));
        assertEquals(
                FORM.replace("{qualified: {min: 70}, nurture", "{qualified: {min: 70}, disqualified: {}, nurture"),
                YamlEdits.of(FORM).put("/outcomes/disqualified", "{}", "qualified"));
        assertEquals(
                FORM.replace("\"What do you need?\"\n", "\"What do you need?\"\n        help: Pick one.\n"),
                YamlEdits.of(FORM).put("/steps/0/questions/0/help", "Pick one.", "help", "label"));
        assertEquals(
                FORM.replace(
                        "    options: [{value: now, label: Now}]\n",
                        "    options: [{value: now, label: Now}]\n        required: true\n"),
                YamlEdits.of(FORM).put("/steps/0/questions/1/required", "true", "help"));
        String block = FORM.replace(
                "label: When?\n",
                "label: When?\n        show-if:\n          question: need\n" + "          equals: a # old\n");
        assertEquals(
                FORM.replace("label: When?\n", "label: When?\n        show-if: {question: need, in: [a, b]}\n"),
                YamlEdits.of(block).put("/steps/0/questions/1/show-if", "{question: need, in: [a, b]}"));
        String knockouts = YamlEdits.of(FORM).putBlock("/knockouts", List.of("late: Too late."), "id");
        assertEquals(FORM.replace("id: edits\n", "id: edits\nknockouts:\n  late: Too late.\n"), knockouts);
        assertEquals(
                FORM.replace("id: edits\n", "id: edits\nknockouts:\n  late: Too late.\n  early: Too early.\n"),
                YamlEdits.of(knockouts).put("/knockouts/early", "Too early."));
    }

    @Test
    void membersAreRemovedWithTheirLinesOrTheirComma() {
        assertEquals(
                FORM.replace("points: {need: 10}", "points: {}"),
                YamlEdits.of(FORM).removeKey("/steps/0/questions/0/options/0/points/need"));
        assertEquals(
                FORM.replace("{qualified: {min: 70}, nurture: {min: 30}}", "{qualified: {min: 70}}"),
                YamlEdits.of(FORM).removeKey("/outcomes/nurture"));
        assertEquals(
                FORM.replace("{qualified: {min: 70}, nurture: {min: 30}}", "{nurture: {min: 30}}"),
                YamlEdits.of(FORM).removeKey("/outcomes/qualified"));
        assertEquals(
                FORM.replace("        label: \"What do you need?\"\n", ""),
                YamlEdits.of(FORM).removeKey("/steps/0/questions/0/label"));
        assertEquals(
                FORM.replace(
                        "        options:\n          - {value: a, label: Alpha, points: {need: 10}}\n"
                                + "          - {value: b, label: {en: Beta, de: Beta DE}, points: {need: 5}}\n",
                        ""),
                YamlEdits.of(FORM).removeKey("/steps/0/questions/0/options"));
        assertThrows(YamlEdits.Unsupported.class, () -> YamlEdits.of(FORM).removeKey("/steps/0/questions/0/id"));
        assertThrows(YamlEdits.Unsupported.class, () -> YamlEdits.of(FORM).removeKey("/steps/0/title"));
    }

    @Test
    void listsInBracketsGrowInPlaceAndAnEmptyOneBecomesABlock() {
        assertEquals(
                FORM.replace("[{value: now, label: Now}]", "[{value: now, label: Now}, {value: later, label: Later}]"),
                YamlEdits.of(FORM)
                        .appendItem("/steps/0/questions/1/options", List.of("- {value: later, label: Later}")));
        String empty = "steps:\n  - id: one\n    questions: []   # none yet\nid: x\n";
        assertEquals(
                "steps:\n  - id: one\n    questions: # none yet\n      - id: q\n        type: text\nid: x\n",
                YamlEdits.of(empty).appendItem("/steps/0/questions", List.of("- id: q", "type: text")));
        assertThrows(
                YamlEdits.Unsupported.class,
                () -> YamlEdits.of(FORM)
                        .appendItem("/steps/0/questions/1/options", List.of("- value: later", "label: Later")));
    }

    @Test
    void aProblemsPlaceLeadsBackToItsPointer() {
        String[] lines = FORM.split("\n", -1);
        int label = 7;
        assertEquals("        label: \"What do you need?\"", lines[label]);
        assertEquals(
                "/steps/0/questions/0/label",
                YamlEdits.of(FORM)
                        .pointerAt(label + 1, lines[label].indexOf('"') + 1)
                        .orElseThrow());
        assertEquals(
                "/steps/0/questions/0",
                YamlEdits.of(FORM).pointerAt(6, lines[5].indexOf("id") + 1).orElseThrow());
        assertEquals(
                "/steps/0/questions/0/options/1/label",
                YamlEdits.of(FORM).pointerAt(11, lines[10].indexOf("{en") + 1).orElseThrow());
        assertEquals(
                "/steps/0/questions/0/options/1/label/de",
                YamlEdits.of(FORM).pointerAt(11, lines[10].indexOf("de:") + 1).orElseThrow());
    }

    @Test
    void whatItCannotDoItSaysInsteadOfBreakingTheDocument() {
        assertThrows(
                YamlEdits.Unsupported.class, () -> YamlEdits.of(FORM).removeItem("/steps/0/questions/1/options/0"));
        assertThrows(YamlEdits.Unsupported.class, () -> YamlEdits.of(FORM).setScalar("/steps/0/questions", "x"));
        assertThrows(YamlEdits.Unsupported.class, () -> YamlEdits.of("a: [1,\n").setScalar("/a", "x"));
    }

    @Test
    void textsAreQuotedOnlyWhenTheyMustBe() {
        assertEquals("Hello world", YamlEdits.literal("Hello world"));
        assertEquals("\"yes\"", YamlEdits.literal("yes"));
        assertEquals("\"a: b\"", YamlEdits.literal("a: b"));
        assertEquals("\"say \\\"hi\\\"\"", YamlEdits.literal("say \"hi\""));
        assertEquals("\"Why?\"", YamlEdits.literal("Why?"));
        assertEquals("42", YamlEdits.literal("42"));
    }
}
