package io.leadgate.scoring;

import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.testing.TestForms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every scoring rule and its edges, on a small form whose dimensions add up to 100 points. */
class ScoringEngineTest {

    static final String FORM = """
            id: scoring
            title: Scoring
            dimensions:
              need: {label: Need, max: 40}
              timeframe: {label: Timeframe, max: 30, decay: P90D}
              budget: {label: Budget, max: 30}
            grades: {A: 85, B: 70, C: 40}
            knockouts:
              no-plans: Not buying at all.
              student: Students are not buyers.
            steps:
              - id: one
                questions:
                  - id: pains
                    type: multiple
                    label: Pains
                    max-points: {need: 25}
                    options:
                      - {value: slow, label: Slow, points: {need: 15}}
                      - {value: bad, label: Bad leads, points: {need: 15}}
                      - {value: blind, label: Blind, points: {need: 5}}
                  - id: urgency
                    type: single
                    label: When
                    options:
                      - {value: now, label: Now, points: {timeframe: 30}}
                      - {value: later, label: Later, points: {timeframe: 10}}
                      - {value: never, label: Never, knockout: no-plans}
                  - id: team
                    type: number
                    label: Team size
                    ranges:
                      - {max: 3, points: {need: 0}}
                      - {min: 3, max: 20, points: {need: 10}}
                      - {min: 20, points: {need: 15}}
                  - id: budget
                    type: single
                    label: Budget
                    options:
                      - {value: big, label: Big, points: {budget: 30}}
                      - {value: small, label: Small, points: {budget: 10}}
                  - id: budget-detail
                    type: number
                    label: Exact budget
                    show-if: {question: budget, equals: big}
                    ranges:
                      - {min: 1000000, points: {budget: 30}}
                  - id: role
                    type: single
                    label: Role
                    options:
                      - {value: boss, label: Boss, points: {need: 5}}
                      - {value: student, label: Student, knockout: student}
                  - {id: email, type: email, label: Email, required: true}
            outcomes: {qualified: {min: 70}, nurture: {min: 30}}
            routing: {qualified: {email: [sales@example.com]}}
            """;

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    static FormDefinition form(String yaml) {
        return TestForms.parse(yaml);
    }

    private final FormDefinition form = form(FORM);

    private Score score(Object... pairs) {
        return score(NOW, pairs);
    }

    private Score score(Instant answeredAt, Object... pairs) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            values.put(
                    (String) pairs[i],
                    value instanceof List<?> list
                            ? list.stream().map(String::valueOf).toList()
                            : List.of(String.valueOf(value)));
        }
        return ScoringEngine.score(form, Answers.at(answeredAt, values), NOW);
    }

    private static int earned(Score score, String dimension) {
        return score.dimensions().stream()
                .filter(d -> d.dimension().equals(dimension))
                .findFirst()
                .orElseThrow()
                .earned();
    }

    @Test
    void noAnswersScoreZeroAndAreDisqualifiedWithoutLedger() {
        Score score = ScoringEngine.score(form, Answers.NONE, NOW);
        assertEquals(0, score.total());
        assertEquals(Verdict.DISQUALIFIED, score.verdict());
        assertEquals("D", score.grade());
        assertTrue(score.ledger().isEmpty());
        assertFalse(score.isKnockedOut());
    }

    @Test
    void pointsAddUpAcrossDimensionsAndEveryPointHasALedgerLine() {
        Score score = score("pains", List.of("slow"), "urgency", "now", "budget", "small", "role", "boss");
        assertEquals(20, earned(score, "need"));
        assertEquals(30, earned(score, "timeframe"));
        assertEquals(10, earned(score, "budget"));
        assertEquals(60, score.total());
        assertEquals(Verdict.NURTURE, score.verdict());
        assertEquals(4, score.ledger().size());
        assertEquals(
                60,
                score.ledger().stream()
                        .filter(LedgerEntry::counted)
                        .mapToInt(LedgerEntry::points)
                        .sum());
        assertEquals("When Now: +30 Timeframe", score.ledger().get(1).reason());
    }

    @Test
    void aNumberOnTheLedgerNamesItsRange() {
        Score score = score("team", 12);
        assertEquals(10, earned(score, "need"));
        assertEquals(
                "Team size 12 (3 to 19): +10 Need", score.ledger().getFirst().reason());
        assertEquals(
                "Team size 25 (20 or more): +15 Need",
                score("team", 25).ledger().getFirst().reason());
    }

    @Test
    void multipleChoiceIsSummedThenCappedPerQuestion() {
        Score score = score("pains", List.of("slow", "bad", "blind"));
        assertEquals(25, earned(score, "need"));
        LedgerEntry cap = score.ledger().getLast();
        assertEquals(-10, cap.points());
        assertTrue(cap.reason().contains("counts at most 25 for Need (picks gave 35)"), cap.reason());
    }

    @Test
    void aRepeatedPickCountsOnce() {
        assertEquals(15, earned(score("pains", List.of("slow", "slow")), "need"));
    }

    @Test
    void aDimensionIsCappedAtItsMaximum() {
        Score score = score("pains", List.of("slow", "bad"), "team", "50", "role", "boss");
        assertEquals(40, earned(score, "need"));
        assertTrue(
                score.ledger().getLast().reason().startsWith("Need counts 0 to 40: answers gave 45"),
                score.ledger().getLast().reason());
    }

    @ParameterizedTest(name = "team of {0} gives {1} need points")
    @CsvSource({"0, 0", "2.99, 0", "3, 10", "19, 10", "20, 15", "1000, 15", "-5, 0"})
    void numericRangesIncludeTheirMinAndExcludeTheirMax(String team, int need) {
        assertEquals(need, earned(score("team", team), "need"));
    }

    @Test
    void aNumberThatIsNotANumberScoresNothing() {
        assertTrue(score("team", "many").ledger().isEmpty());
    }

    @Test
    void anUnknownOptionValueScoresNothing() {
        assertTrue(score("urgency", "yesterday").ledger().isEmpty());
    }

    @Test
    void aKnockoutDisqualifiesWhateverTheTotal() {
        Score score = score("pains", List.of("slow", "bad"), "urgency", "never", "budget", "big", "role", "boss");
        assertEquals(List.of("no-plans"), score.knockouts());
        assertEquals(Verdict.DISQUALIFIED, score.verdict());
        assertEquals("D", score.grade());
        assertTrue(score.ledger().stream()
                .anyMatch(l -> l.reason().equals("When Never: knockout no-plans (Not buying at all.)")));
    }

    @Test
    void aKnockoutMayNurtureInsteadAndSaysSoOnTheLedger() {
        FormDefinition nurturing = form(
                FORM.replace("no-plans: Not buying at all.", "no-plans: {reason: Not buying yet., route: nurture}"));
        Score score = ScoringEngine.score(
                nurturing, Answers.at(NOW, Map.of("pains", List.of("slow", "bad"), "urgency", List.of("never"))), NOW);
        assertEquals(Verdict.NURTURE, score.verdict(), "whatever the points, not disqualified");
        assertEquals(List.of("no-plans"), score.knockouts());
        assertTrue(score.ledger().stream()
                .anyMatch(l -> l.reason().equals("When Never: knockout no-plans (Not buying yet.), to nurture")));
        Score both = ScoringEngine.score(
                nurturing, Answers.at(NOW, Map.of("urgency", List.of("never"), "role", List.of("student"))), NOW);
        assertEquals(Verdict.DISQUALIFIED, both.verdict(), "a knockout that disqualifies wins");
    }

    @Test
    void aHalfLifeFadesPointsGraduallyAndSaysSo() {
        FormDefinition fading = form(FORM.replace(
                "timeframe: {label: Timeframe, max: 30, decay: P90D}",
                "timeframe: {label: Timeframe, max: 30, half-life: P30D}"));
        Map<String, List<String>> now = Map.of("urgency", List.of("now"));
        assertEquals(30, earned(ScoringEngine.score(fading, Answers.at(NOW, now), NOW), "timeframe"));
        Score month = ScoringEngine.score(fading, Answers.at(NOW.minus(Duration.ofDays(30)), now), NOW);
        assertEquals(15, earned(month, "timeframe"), "one half-life: half");
        assertTrue(
                month.ledger().stream()
                        .anyMatch(l -> l.counted()
                                && l.points() == 15
                                && l.reason()
                                        .equals("When Now: +30 Timeframe, now +15 (answered 30 days ago; Timeframe"
                                                + " answers lose half their points every 30 days)")),
                month.ledger().toString());
        assertEquals(
                8,
                earned(ScoringEngine.score(fading, Answers.at(NOW.minus(Duration.ofDays(60)), now), NOW), "timeframe"),
                "two half-lives: a quarter, rounded");
        assertTrue(ProgressiveProfile.isStale(
                fading,
                fading.question("urgency").orElseThrow(),
                Answer.of(NOW.minus(Duration.ofDays(31)), "now"),
                NOW));
    }

    @Test
    void severalKnockoutsAreAllReportedInOrder() {
        Score score = score("urgency", "never", "role", "student");
        assertEquals(List.of("no-plans", "student"), score.knockouts());
        assertEquals(Verdict.DISQUALIFIED, score.verdict());
    }

    @ParameterizedTest(name = "{0} points: {1}, grade {2}")
    @CsvSource({
        "70, QUALIFIED, B",
        "69, NURTURE, C",
        "30, NURTURE, D",
        "29, DISQUALIFIED, D",
        "85, QUALIFIED, A",
        "84, QUALIFIED, B",
        "40, NURTURE, C",
        "39, NURTURE, D",
        "100, QUALIFIED, A"
    })
    void thresholdsIncludeTheirBoundary(int total, Verdict verdict, String grade) {
        FormDefinition exact = form("""
                id: exact
                title: Exact
                dimensions: {points: {max: 100}}
                grades: {A: 85, B: 70, C: 40}
                steps:
                  - id: one
                    questions:
                      - id: points
                        type: number
                        label: Points
                        ranges: [{min: %d, max: %d, points: {points: %d}}]
                      - {id: email, type: email, label: Email, required: true}
                outcomes: {qualified: {min: 70}, nurture: {min: 30}}
                routing: {qualified: {email: [sales@example.com]}}
                """.formatted(total, total + 1, total));
        Score score =
                ScoringEngine.score(exact, Answers.at(NOW, Map.of("points", List.of(String.valueOf(total)))), NOW);
        assertEquals(total, score.total());
        assertEquals(verdict, score.verdict());
        assertEquals(grade, score.grade());
    }

    @Test
    void withoutDeclaredGradesThereIsNoGrade() {
        FormDefinition ungraded = form(FORM.replace("grades: {A: 85, B: 70, C: 40}\n", ""));
        assertNull(ScoringEngine.score(ungraded, Answers.NONE, NOW).grade());
    }

    @Test
    void weightsScaleADimensionsShareOfTheTotal() {
        FormDefinition weighted =
                form(FORM.replace("budget: {label: Budget, max: 30}", "budget: {label: Budget, max: 30, weight: 3}"));
        // need 0/40, timeframe 0/30, budget 30/30 with weight 3: 90 / (40 + 30 + 90) = 56.25%
        Score score = ScoringEngine.score(weighted, Answers.at(NOW, Map.of("budget", List.of("big"))), NOW);
        assertEquals(56, score.total());
        FormDefinition light =
                form(FORM.replace("budget: {label: Budget, max: 30}", "budget: {label: Budget, max: 30, weight: 0.5}"));
        // 15 / (40 + 30 + 15) = 17.6%
        assertEquals(
                18,
                ScoringEngine.score(light, Answers.at(NOW, Map.of("budget", List.of("big"))), NOW)
                        .total());
    }

    @Test
    void decayedAnswersStopCountingButStayInTheLedger() {
        Instant longAgo = NOW.minus(Duration.ofDays(91));
        Score score = score(longAgo, "urgency", "now", "budget", "big");
        assertEquals(0, earned(score, "timeframe"));
        assertEquals(30, earned(score, "budget"), "budget does not decay");
        LedgerEntry expired = score.ledger().getFirst();
        assertFalse(expired.counted());
        assertTrue(
                expired.reason().endsWith("(expired: answered 91 days ago, Timeframe answers count for 90 days)"),
                expired.reason());
    }

    @Test
    void anAnswerExactlyAtTheDecayLimitStillCounts() {
        assertEquals(30, earned(score(NOW.minus(Duration.ofDays(90)), "urgency", "now"), "timeframe"));
    }

    @Test
    void aFresherAnswerReplacesAStaleOne() {
        Answers old = Answers.at(
                NOW.minus(Duration.ofDays(200)), Map.of("urgency", List.of("now"), "budget", List.of("big")));
        Answers renewed = old.updatedBy(Answers.at(NOW.minus(Duration.ofDays(1)), Map.of("urgency", List.of("later"))));
        Score score = ScoringEngine.score(form, renewed, NOW);
        assertEquals(10, earned(score, "timeframe"));
        assertEquals(30, earned(score, "budget"));
    }

    @Test
    void answersToHiddenQuestionsDoNotCount() {
        assertEquals(10, earned(score("budget", "small", "budget-detail", "2000000"), "budget"));
        assertEquals(30, earned(score("budget", "big", "budget-detail", "2000000"), "budget"));
    }

    @Test
    void cappedPointsOfExpiredAnswersAreNotCappedTwice() {
        FormDefinition decaying =
                form(FORM.replace("need: {label: Need, max: 40}", "need: {label: Need, max: 40, decay: P30D}"));
        Score score = ScoringEngine.score(
                decaying,
                Answers.at(NOW.minus(Duration.ofDays(31)), Map.of("pains", List.of("slow", "bad", "blind"))),
                NOW);
        assertEquals(0, earned(score, "need"));
        assertEquals(3, score.ledger().size(), "three expired lines and no cap line: " + score.ledger());
    }

    @Test
    void blankAnswersCountAsUnanswered() {
        assertTrue(score("urgency", "").ledger().isEmpty());
        assertTrue(score("urgency", " ").ledger().isEmpty());
    }
}
