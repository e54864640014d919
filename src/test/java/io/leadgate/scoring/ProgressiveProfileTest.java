package io.leadgate.scoring;

import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Question;
import io.leadgate.testing.TestForms;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A follow-up asks only what is unknown (and matters) or stale, never what is known and current. */
class ProgressiveProfileTest {

    static final FormDefinition FORM = TestForms.parse("""
            id: profile
            title: Profile
            dimensions: {fit: {max: 40}, timing: {max: 30, decay: P30D}, budget: {max: 30}}
            steps:
              - id: only
                questions:
                  - {id: fit, type: single, label: "Fit?", required: true, options: [{value: "y", label: "Y", points: {fit: 40}}, {value: "n", label: "N"}]}
                  - {id: timing, type: single, label: "When?", required: true, options: [{value: now, label: Now, points: {timing: 30}}, {value: never, label: Never, knockout: no-plans}]}
                  - {id: budget, type: single, label: "Budget?", options: [{value: big, label: Big, points: {budget: 30}}]}
                  - {id: size, type: number, label: "Size?", show-if: {question: fit, equals: "y"}, ranges: [{min: 10, points: {fit: 0}}]}
                  - {id: notes, type: textarea, label: Notes}
                  - {id: name, type: text, label: Name, required: true}
                  - {id: email, type: email, label: Email, required: true}
                  - {id: utm_source, type: hidden}
            knockouts: {no-plans: No plans.}
            outcomes: {qualified: {min: 70}, nurture: {min: 30}}
            routing: {qualified: {email: [sales@example.com]}}
            """);

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static List<String> asked(Answers known) {
        return ProgressiveProfile.toAsk(FORM, known, NOW).stream()
                .map(Question::id)
                .toList();
    }

    @Test
    void aNewLeadIsAskedWhatIsRequiredOrScoresButNeverTheEmailOrHiddenFields() {
        assertEquals(List.of("fit", "timing", "budget", "name"), asked(Answers.NONE));
    }

    @Test
    void currentAnswersAreNotAskedAgainAndShowIfStillApplies() {
        Answers known = Answers.at(
                NOW.minus(Duration.ofDays(2)),
                Map.of(
                        "fit",
                        List.of("y"),
                        "timing",
                        List.of("now"),
                        "name",
                        List.of("Ana"),
                        "email",
                        List.of("a@b.example")));
        assertEquals(List.of("budget", "size"), asked(known));
    }

    @Test
    void anAnswerOlderThanItsDecayIsStale() {
        Answers known = Answers.at(
                NOW.minus(Duration.ofDays(31)),
                Map.of(
                        "fit",
                        List.of("n"),
                        "timing",
                        List.of("now"),
                        "budget",
                        List.of("big"),
                        "name",
                        List.of("Ana")));
        assertEquals(List.of("timing"), asked(known));
        assertEquals(
                List.of("fit", "timing", "budget"),
                ProgressiveProfile.scoring(FORM, known).stream()
                        .map(Question::id)
                        .toList(),
                "what a lead with nothing missing may update");
    }
}
