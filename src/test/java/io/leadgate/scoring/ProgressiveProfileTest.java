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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** demo-saas as shipped, without the webhook secret that only a running server has. */
    static FormDefinition demoSaas() {
        try {
            String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("forms/demo-saas.yaml"))
                    .replace("${LEADGATE_SECRET_SALES_WEBHOOK}", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
            return TestForms.parse(yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aNurturedLeadMissingOnlyFeaturesIsAlsoAskedWhatCanStillQualifyThem() {
        FormDefinition demo = demoSaas();
        Map<String, List<String>> given = new java.util.LinkedHashMap<>();
        given.put("challenge", List.of("just-curious"));
        given.put("current-tool", List.of("hubspot"));
        given.put("sales-team-size", List.of("2"));
        given.put("priority", List.of("3"));
        given.put("timeframe", List.of("quarter"));
        given.put("budget", List.of("not-sure"));
        given.put("role", List.of("researcher"));
        given.put("name", List.of("Ana Silva"));
        given.put("company", List.of("Acme"));
        given.put("email", List.of("ana@acme.example"));
        given.put("consent", List.of("true"));
        Answers known = Answers.at(NOW.minus(Duration.ofDays(3)), given);
        assertEquals(Verdict.NURTURE, ScoringEngine.score(demo, known, NOW).verdict());

        ProgressiveProfile.FollowUpPlan plan = ProgressiveProfile.followUp(demo, known, NOW);
        List<String> ids = plan.questions().stream().map(Question::id).toList();
        assertTrue(plan.canQualify());
        assertTrue(ids.contains("features"), ids.toString());
        assertTrue(ids.size() > 1, "not only the question worth 10 points: " + ids);
        assertTrue(ids.size() <= demo.questions().count());

        // The best answers to exactly these questions qualify the lead.
        Map<String, List<String>> best = Map.of(
                "challenge", List.of("slow-follow-up"),
                "current-tool", List.of("spreadsheets"),
                "sales-team-size", List.of("12"),
                "priority", List.of("5"),
                "features", List.of("instant-alerts", "scoring"),
                "timeframe", List.of("this-month"),
                "budget", List.of("over-20k"),
                "role", List.of("decision-maker"));
        Map<String, List<String>> answered = new java.util.LinkedHashMap<>();
        ids.stream().filter(best::containsKey).forEach(id -> answered.put(id, best.get(id)));
        assertEquals(
                Verdict.QUALIFIED,
                ScoringEngine.score(demo, known.updatedBy(Answers.at(NOW, answered)), NOW)
                        .verdict(),
                ids.toString());
    }

    @Test
    void theQuestionThatMovesMostComesFirst() {
        Answers known = Answers.at(NOW, Map.of("fit", List.of("n"), "timing", List.of("now"), "name", List.of("Ana")));
        List<String> ids = ProgressiveProfile.followUp(FORM, known, NOW).questions().stream()
                .map(Question::id)
                .toList();
        assertEquals("fit", ids.getFirst(), "fit moves 40 points, budget 30: " + ids);
    }

    @Test
    void aLeadThatNoAnswerCanQualifyIsToldSo() {
        FormDefinition form = TestForms.parse("""
                id: capped
                title: Capped
                dimensions: {fit: {max: 40}, scale: {max: 60}}
                steps:
                  - id: only
                    questions:
                      - {id: plan, type: hidden}
                      - {id: fit, type: single, label: "Fit?", required: true, options: [{value: "y", label: "Y", points: {fit: 40}}, {value: "n", label: "N"}]}
                      - {id: seats, type: single, label: "Seats?", show-if: {question: plan, equals: enterprise}, options: [{value: many, label: Many, points: {scale: 60}}, {value: few, label: Few, points: {scale: 10}}]}
                      - {id: email, type: email, label: Email, required: true}
                outcomes: {qualified: {min: 70}, nurture: {min: 30}}
                routing: {qualified: {email: [sales@example.com]}}
                """);
        assertFalse(ProgressiveProfile.followUp(
                        form, Answers.at(NOW, Map.of("plan", List.of("free"), "fit", List.of("y"))), NOW)
                .canQualify());
        assertTrue(ProgressiveProfile.followUp(
                        form,
                        Answers.at(
                                NOW,
                                Map.of("plan", List.of("enterprise"), "fit", List.of("n"), "seats", List.of("few"))),
                        NOW)
                .canQualify());
    }
}
