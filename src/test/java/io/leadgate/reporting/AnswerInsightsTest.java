package io.leadgate.reporting;

import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.leads.DealOutcome;
import io.leadgate.leads.Submission;
import io.leadgate.testing.TestForms;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lift and suggested points range by range: ten leads whose seats (a number scored by three ranges) and urgency (a
 * rating whose one range scores 4 and 5) tell won deals apart, and a colour question that tells nothing.
 */
class AnswerInsightsTest {

    static final FormDefinition FORM = TestForms.parse("""
            id: insights-unit
            title: Insights
            dimensions: {fit: {max: 50}}
            steps:
              - id: only
                questions:
                  - id: seats
                    type: number
                    label: Seats
                    required: true
                    ranges:
                      - {max: 10, points: {fit: 10}}
                      - {min: 10, max: 100, points: {fit: 10}}
                      - {min: 100}
                  - id: urgency
                    type: rating
                    label: Urgency
                    scale: {min: 1, max: 5}
                    ranges:
                      - {min: 4, points: {fit: 5}}
                  - id: color
                    type: single
                    label: Colour
                    options:
                      - {value: red, label: Red}
                      - {value: blue, label: Blue}
                  - {id: email, type: email, label: Email, required: true}
            outcomes: {qualified: {min: 20}, nurture: {min: 10}}
            routing: {qualified: {email: [sales@insights.example]}}
            """);

    /**
     * Leads 0-3 have 5 seats and urgency 2 (one won, three lost), leads 4-7 have 50 seats and urgency 5 (all won, 100
     * each), leads 8-9 have 500 seats and urgency 4 (still open); even leads like red, odd ones blue.
     */
    private static List<Report.QuestionInsight> insights() {
        List<Submission> latest = new ArrayList<>();
        Map<Long, Map<String, List<String>>> answers = new HashMap<>();
        Map<Long, DealOutcome> outcomes = new HashMap<>();
        for (long i = 0; i < 10; i++) {
            Submission s = new Submission();
            s.id = 100 + i;
            s.leadId = i;
            s.verdict = i < 4 ? "nurture" : "qualified";
            latest.add(s);
            String seats = i < 4 ? "5" : i < 8 ? "50" : "500";
            String urgency = i < 4 ? "2" : i < 8 ? "5" : "4";
            answers.put(
                    s.id,
                    Map.of(
                            "seats", List.of(seats),
                            "urgency", List.of(urgency),
                            "color", List.of(i % 2 == 0 ? "red" : "blue")));
            if (i < 8) {
                DealOutcome outcome = new DealOutcome();
                outcome.leadId = i;
                outcome.status = i == 0 || i >= 4 ? "won" : "lost";
                outcome.amount = "won".equals(outcome.status) ? new BigDecimal("100") : null;
                outcome.currency = "EUR";
                outcomes.put(i, outcome);
            }
        }
        return new AnswerInsights("en", latest, answers, outcomes, Map.of("color", new Report.DropOffCost(20, 4, 0.2)))
                .of(FORM);
    }

    @Test
    void numbersAreComparedRangeByRangeWithPointsFollowingWins() {
        Report.QuestionInsight seats = insights().getFirst();
        assertEquals("seats", seats.questionId());
        List<Report.AnswerInsight> rows = seats.answers();
        assertEquals(List.of("below 10", "10 to 99", "100 or more"), labels(rows), "no row outside every range");
        assertEquals(
                List.of("..10", "10..100", "100.."),
                rows.stream().map(Report.AnswerInsight::value).toList());
        assertEquals(
                List.of(4L, 4L, 2L),
                rows.stream().map(Report.AnswerInsight::leads).toList());
        assertEquals(
                List.of(1L, 4L, 0L),
                rows.stream().map(Report.AnswerInsight::won).toList());
        assertEquals(
                List.of(4L, 4L, 0L),
                rows.stream().map(Report.AnswerInsight::closed).toList());
        assertEquals(0.25 / 0.625, rows.get(0).winLift(), 1e-9, "1 of 4 against 5 of 8");
        assertEquals(1.6, rows.get(1).winLift(), 1e-9, "4 of 4 against 5 of 8");
        assertEquals(new BigDecimal("400"), rows.get(1).revenue());
        assertEquals("EUR", rows.get(1).currency());
        assertEquals(1.0 / 0.6, rows.get(1).qualificationLift(), 1e-9);

        // Winning a quarter as often as the best range, "below 10" is worth a quarter of the top 10 points: 3 (−7).
        assertEquals(Map.of("fit", 3), rows.get(0).pointChanges());
        assertEquals(3, rows.get(0).suggestedPoints());
        assertEquals(
                "Wins less often than average: give it fewer points (−7).",
                rows.get(0).suggestion());
        // The best range already has the top points: it moves one step (a quarter of 10, rounded: 3).
        assertEquals(Map.of("fit", 13), rows.get(1).pointChanges());
        assertEquals(
                "Wins more often than average: give it more points (+3).",
                rows.get(1).suggestion());
        assertEquals(Map.of(), rows.get(2).pointChanges());
        assertEquals(0, rows.get(2).suggestedPoints());
        assertEquals("Too few closed deals to judge.", rows.get(2).suggestion());
        assertTrue(seats.judged());
        assertTrue(seats.discriminates());
    }

    @Test
    void ratingsAreComparedByTheFormsRangesAndPointsNoRangeScoresShowApart() {
        Report.QuestionInsight urgency = insights().get(1);
        assertEquals("urgency", urgency.questionId());
        List<Report.AnswerInsight> rows = urgency.answers();
        assertEquals(List.of("4 to 5 of 5", "Not scored by any range"), labels(rows));
        assertEquals(
                List.of("4..", "none"),
                rows.stream().map(Report.AnswerInsight::value).toList());
        assertEquals(
                List.of(6L, 4L), rows.stream().map(Report.AnswerInsight::leads).toList());
        assertEquals(
                List.of(4L, 1L), rows.stream().map(Report.AnswerInsight::won).toList());
        assertEquals(Map.of("fit", 7), rows.get(0).pointChanges(), "5 points and a step of 2");
        assertEquals(Map.of(), rows.get(1).pointChanges(), "no range to give points to");
        assertTrue(rows.get(1).suggestion().startsWith("No range scores these answers"));
    }

    @Test
    void aQuestionWhoseAnswersQualifyAndWinAlikeIsFlaggedWithItsDropOffCost() {
        Report.QuestionInsight color = insights().get(2);
        assertEquals("color", color.questionId());
        assertEquals(
                List.of(0.6, 0.6),
                color.answers().stream()
                        .map(Report.AnswerInsight::qualificationRate)
                        .toList());
        assertEquals(
                List.of(0.75, 0.5),
                color.answers().stream().map(Report.AnswerInsight::winRate).toList(),
                "3 of 4 against 2 of 4 is no significant difference");
        assertTrue(color.judged());
        assertFalse(color.discriminates());
        assertTrue(color.flagged());
        assertEquals(new Report.DropOffCost(20, 4, 0.2), color.dropOff());
        assertTrue(
                color.advice().contains("does not tell leads apart. 4 of 20 visitors who reached it (20 %) left"),
                color.advice());
    }

    private static List<String> labels(List<Report.AnswerInsight> rows) {
        return rows.stream().map(Report.AnswerInsight::label).toList();
    }
}
