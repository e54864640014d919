package io.leadgate.scoring;

import java.util.List;

/**
 * A lead's score: a total on 0-100, the verdict it leads to, an optional grade, the knockout reasons that forced
 * a disqualification, and the ledger that explains every point.
 */
public record Score(
        int total,
        Verdict verdict,
        String grade,
        List<String> knockouts,
        List<DimensionScore> dimensions,
        List<LedgerEntry> ledger) {

    public Score {
        knockouts = List.copyOf(knockouts);
        dimensions = List.copyOf(dimensions);
        ledger = List.copyOf(ledger);
    }

    public boolean isKnockedOut() {
        return !knockouts.isEmpty();
    }
}
