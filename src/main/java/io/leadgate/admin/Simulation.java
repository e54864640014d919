package io.leadgate.admin;

import io.leadgate.forms.definition.AssignmentRule;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.NurtureBand;
import io.leadgate.forms.definition.Rep;
import io.leadgate.forms.definition.Route;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Conditions;
import io.leadgate.scoring.Score;
import io.leadgate.scoring.ScoringEngine;
import io.leadgate.scoring.Verdict;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The score simulator: picked answers scored exactly as a submission would be (nothing is stored), with the ledger,
 * the verdict, and where the lead would go: which sales addresses and reps, which nurture sequence.
 */
public record Simulation(Score score, String routing) {

    static Simulation of(FormDefinition form, Map<String, List<String>> answers) {
        Instant now = Instant.now();
        Answers given = Answers.at(now, answers);
        Score score = ScoringEngine.score(form, given, now);
        return new Simulation(score, routing(form, given, score));
    }

    private static String routing(FormDefinition form, Answers answers, Score score) {
        if (score.verdict() == Verdict.QUALIFIED) {
            Route route = form.routing().qualified();
            StringBuilder text = new StringBuilder("Sales alert to ")
                    .append(route.email().isEmpty() ? "nobody" : String.join(", ", route.email()));
            if (route.assignment() != null) {
                List<String> reps = route.assignment().reps().stream()
                        .filter(r -> !r.away())
                        .map(Rep::email)
                        .toList();
                for (AssignmentRule rule : route.assignment().rules()) {
                    if (Conditions.holds(rule.condition(), answers)) {
                        reps = rule.reps();
                        break;
                    }
                }
                text.append("; assigned ")
                        .append(
                                route.assignment().strategy() == null
                                        ? ""
                                        : "("
                                                + route.assignment()
                                                        .strategy()
                                                        .name()
                                                        .toLowerCase()
                                                        .replace('_', '-') + ") ")
                        .append("to one of ")
                        .append(String.join(", ", reps));
            }
            if (!route.webhooks().isEmpty()) {
                text.append("; ").append(route.webhooks().size()).append(" webhook(s)");
            }
            return text.append('.').toString();
        }
        if (score.verdict() == Verdict.NURTURE) {
            String sequence = form.nurture().sequence();
            if (sequence == null) {
                sequence = form.nurture().bands().stream()
                        .filter(b -> b.minScore() == null || score.total() >= b.minScore())
                        .map(NurtureBand::sequence)
                        .findFirst()
                        .orElse(null);
            }
            return sequence == null ? "Nurture, but the form names no sequence." : "Nurture sequence " + sequence + ".";
        }
        return "Disqualified: the prospect sees the kind thank-you page"
                + (score.isKnockedOut() ? " (knockout: " + String.join(", ", score.knockouts()) + ")" : "") + ".";
    }
}
