package io.leadgate.leads;

import io.leadgate.forms.definition.Assignment;
import io.leadgate.forms.definition.AssignmentRule;
import io.leadgate.forms.definition.Rep;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Conditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives a qualified lead an owner: the first rule on answers that matches narrows the reps, reps marked away are
 * skipped, and the strategy picks among the rest. The form's load rows are locked meanwhile, so instances
 * assigning at the same moment take turns and the result is the same as one after the other.
 */
@ApplicationScoped
class RepAssigner {

    @Transactional(Transactional.TxType.MANDATORY)
    Optional<Rep> assign(String formId, Assignment assignment, Answers answers, String currentOwner) {
        List<Rep> candidates = candidates(assignment, answers);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Optional<Rep> owner = candidates.stream()
                .filter(rep -> rep.email().equalsIgnoreCase(String.valueOf(currentOwner)))
                .findFirst();
        if (owner.isPresent()) {
            return owner;
        }
        return Optional.of(give(formId, assignment, candidates));
    }

    /**
     * Gives a lead whose rep did not respond to the next rep by the strategy, among the reps the rules allow that are
     * not away and not in {@code excluded} (lower case: the reps who had it already); empty when none is left.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<Rep> reassign(String formId, Assignment assignment, Answers answers, Set<String> excluded) {
        List<Rep> candidates = candidates(assignment, answers, excluded);
        return candidates.isEmpty() ? Optional.empty() : Optional.of(give(formId, assignment, candidates));
    }

    private Rep give(String formId, Assignment assignment, List<Rep> candidates) {
        Map<String, RepLoad> loads = new HashMap<>();
        RepLoad.lockForForm(formId).forEach(load -> loads.put(load.key.repEmail, load));
        for (Rep rep : candidates) {
            loads.computeIfAbsent(rep.email().toLowerCase(), email -> {
                RepLoad load = new RepLoad();
                load.key = new RepLoad.Key(formId, email);
                load.persistAndFlush();
                return load;
            });
        }
        Rep chosen = choose(assignment, candidates, rep -> loads.get(rep.email().toLowerCase()).assigned);
        loads.get(chosen.email().toLowerCase()).assigned++;
        return chosen;
    }

    /** The lead's current owner as the form lists them (also when away), or just their address if no longer listed. */
    static Optional<Rep> owner(Assignment assignment, String currentOwner) {
        return Optional.of(assignment.reps().stream()
                .filter(rep -> rep.email().equalsIgnoreCase(currentOwner))
                .findFirst()
                .orElse(new Rep(currentOwner, currentOwner, null, false)));
    }

    /** The reps that may take this lead, in the order the form lists them. */
    static List<Rep> candidates(Assignment assignment, Answers answers) {
        return candidates(assignment, answers, Set.of());
    }

    /** The reps that may take this lead, leaving out those in {@code excluded} (lower case). */
    static List<Rep> candidates(Assignment assignment, Answers answers, Set<String> excluded) {
        List<Rep> available = assignment.reps().stream()
                .filter(rep -> !rep.away() && !excluded.contains(rep.email().toLowerCase()))
                .toList();
        for (AssignmentRule rule : assignment.rules()) {
            if (Conditions.holds(rule.condition(), answers)) {
                List<Rep> named = available.stream()
                        .filter(rep -> rule.reps().stream().anyMatch(rep.email()::equalsIgnoreCase))
                        .toList();
                if (!named.isEmpty()) {
                    return named;
                }
            }
        }
        return available;
    }

    /** Fixed: the first rep; round-robin: the fewest leads; weighted: the fewest leads per unit of weight. Ties go to the earlier rep. */
    static Rep choose(Assignment assignment, List<Rep> candidates, java.util.function.ToLongFunction<Rep> assigned) {
        return switch (assignment.strategy()) {
            case FIXED -> candidates.getFirst();
            case ROUND_ROBIN ->
                candidates.stream().min(Comparator.comparingLong(assigned)).orElseThrow();
            case WEIGHTED ->
                candidates.stream()
                        .min(Comparator.comparingDouble(
                                rep -> (assigned.applyAsLong(rep) + 1.0) / Math.max(1, rep.weight())))
                        .orElseThrow();
        };
    }
}
