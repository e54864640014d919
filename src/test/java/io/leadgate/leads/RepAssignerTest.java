package io.leadgate.leads;

import io.leadgate.forms.definition.Assignment;
import io.leadgate.forms.definition.AssignmentRule;
import io.leadgate.forms.definition.AssignmentStrategy;
import io.leadgate.forms.definition.Condition;
import io.leadgate.forms.definition.Rep;
import io.leadgate.scoring.Answers;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who gets the next lead, for every strategy, with reps away and rules on answers. */
class RepAssignerTest {

    static final Rep ANA = new Rep("ana@x.example", "Ana", 2, false);
    static final Rep BEN = new Rep("ben@x.example", "Ben", 1, false);
    static final Rep CHLOE = new Rep("chloe@x.example", "Chloé", 1, false);

    private static Map<String, Long> distribute(Assignment assignment, int leads) {
        Map<String, Long> counts = new HashMap<>();
        List<Rep> candidates = RepAssigner.candidates(assignment, Answers.NONE);
        for (int i = 0; i < leads; i++) {
            Rep chosen = RepAssigner.choose(assignment, candidates, rep -> counts.getOrDefault(rep.email(), 0L));
            counts.merge(chosen.email(), 1L, Long::sum);
        }
        return counts;
    }

    @Test
    void roundRobinSharesEqually() {
        assertEquals(
                Map.of(ANA.email(), 4L, BEN.email(), 4L, CHLOE.email(), 4L),
                distribute(new Assignment(AssignmentStrategy.ROUND_ROBIN, List.of(ANA, BEN, CHLOE), null), 12));
    }

    @Test
    void weightedRoundRobinFollowsTheWeights() {
        assertEquals(
                Map.of(ANA.email(), 6L, BEN.email(), 3L, CHLOE.email(), 3L),
                distribute(new Assignment(AssignmentStrategy.WEIGHTED, List.of(ANA, BEN, CHLOE), null), 12));
    }

    @Test
    void fixedAlwaysPicksTheFirstAvailable() {
        assertEquals(
                Map.of(BEN.email(), 5L),
                distribute(
                        new Assignment(
                                AssignmentStrategy.FIXED,
                                List.of(new Rep(ANA.email(), "Ana", 1, true), BEN, CHLOE),
                                null),
                        5));
    }

    @Test
    void repsAwayAreSkipped() {
        Rep away = new Rep(BEN.email(), "Ben", 1, true);
        assertEquals(
                Map.of(ANA.email(), 3L, CHLOE.email(), 3L),
                distribute(new Assignment(AssignmentStrategy.ROUND_ROBIN, List.of(ANA, away, CHLOE), null), 6));
    }

    @Test
    void theFirstMatchingRuleNarrowsTheReps() {
        Condition bigTeam = new Condition("team", null, null, null, null, 200.0, null, null, null, null);
        Assignment assignment = new Assignment(
                AssignmentStrategy.ROUND_ROBIN,
                List.of(ANA, BEN, CHLOE),
                List.of(new AssignmentRule(bigTeam, List.of(CHLOE.email()))));
        Answers big = Answers.at(Instant.now(), Map.of("team", List.of("500")));
        Answers small = Answers.at(Instant.now(), Map.of("team", List.of("5")));
        assertEquals(List.of(CHLOE), RepAssigner.candidates(assignment, big));
        assertEquals(List.of(ANA, BEN, CHLOE), RepAssigner.candidates(assignment, small));
    }

    @Test
    void aRuleWhoseRepsAreAllAwayFallsBackToEveryoneAvailable() {
        Condition any = new Condition("team", null, null, null, true, null, null, null, null, null);
        Assignment assignment = new Assignment(
                AssignmentStrategy.ROUND_ROBIN,
                List.of(ANA, new Rep(BEN.email(), "Ben", 1, true)),
                List.of(new AssignmentRule(any, List.of(BEN.email()))));
        assertEquals(
                List.of(ANA),
                RepAssigner.candidates(assignment, Answers.at(Instant.now(), Map.of("team", List.of("5")))));
    }
}
