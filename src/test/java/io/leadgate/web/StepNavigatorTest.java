package io.leadgate.web;

import io.leadgate.testing.TestForms;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Moving through steps as the answers allow, without a server. */
class StepNavigatorTest {

    private static final StepNavigator STEPS = new StepNavigator(TestForms.parse("""
            id: steps
            title: Steps
            dimensions: {need: {max: 10}}
            steps:
              - id: kind
                questions:
                  - id: kind
                    type: single
                    label: Kind
                    options: [{value: team, label: Team}, {value: solo, label: Solo}]
                  - {id: size, type: number, label: Size, show-if: {question: kind, equals: team}}
              - id: team
                show-if: {question: kind, equals: team}
                questions:
                  - {id: tools, type: text, label: Tools}
              - id: contact
                questions:
                  - {id: email, type: email, label: Email, required: true}
            outcomes: {qualified: {min: 70}, nurture: {min: 30}}
            routing: {qualified: {email: [sales@example.com]}}
            """));

    private static final Map<String, List<String>> TEAM = Map.of("kind", List.of("team"));
    private static final Map<String, List<String>> SOLO = Map.of("kind", List.of("solo"));

    @Test
    void nextSkipsStepsThatAreNotShown() {
        assertEquals(1, STEPS.next(0, TEAM));
        assertEquals(2, STEPS.next(0, SOLO));
        assertEquals(2, STEPS.next(2, SOLO), "the last step stays the last");
    }

    @Test
    void previousSkipsStepsThatAreNotShown() {
        assertEquals(1, STEPS.previous(2, TEAM));
        assertEquals(0, STEPS.previous(2, SOLO));
        assertEquals(0, STEPS.previous(0, SOLO));
    }

    @Test
    void eachQuestionHasItsStep() {
        assertEquals(0, STEPS.stepOf("size"));
        assertEquals(2, STEPS.stepOf("email"));
        assertEquals(0, STEPS.stepOf("nothing-like-it"));
    }

    @Test
    void anAnswerCanRevealAQuestionOfItsOwnStep() {
        assertTrue(STEPS.revealsQuestion(0, TEAM, ""), "the page did not ask size; team reveals it");
        assertFalse(STEPS.revealsQuestion(0, TEAM, "size"), "the page asked it already");
        assertFalse(STEPS.revealsQuestion(0, SOLO, ""), "solo reveals nothing");
        assertFalse(
                STEPS.revealsQuestion(0, Map.of("kind", List.of("team"), "size", List.of("12")), ""),
                "answered already");
    }
}
