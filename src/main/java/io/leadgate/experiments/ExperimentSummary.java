package io.leadgate.experiments;

import java.time.Instant;
import java.util.List;

/** An experiment as pages and the API show it: its name, who started and ended it, and its variants. */
public record ExperimentSummary(
        long id,
        String formId,
        String name,
        String startedBy,
        Instant startedAt,
        String endedBy,
        Instant endedAt,
        String winner,
        Integer promotedVersion,
        List<Variant> variants) {

    /** One variant: its letter, where its text came from and its percent of visitors. */
    public record Variant(String key, String origin, int share) {}

    public boolean running() {
        return endedAt == null;
    }
}
