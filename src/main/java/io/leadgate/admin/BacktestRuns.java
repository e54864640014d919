package io.leadgate.admin;

import io.leadgate.leads.BacktestReport;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Backtests started from the studio run in the background so that the page can show their progress; each run and
 * its report are kept in memory for an hour (a backtest changes nothing, so losing one on a restart loses nothing).
 */
@ApplicationScoped
public class BacktestRuns {

    static final Duration KEPT = Duration.ofHours(1);

    /** One run as the page polls it. */
    public record Run(
            String id,
            String formId,
            String candidate,
            String startedBy,
            Instant startedAt,
            long done,
            long total,
            BacktestReport report,
            String error) {

        public boolean finished() {
            return report != null || error != null;
        }

        public int percent() {
            return total == 0 ? (finished() ? 100 : 0) : (int) Math.min(100, 100 * done / total);
        }
    }

    private final BacktestCandidates candidates;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    // Two at a time at most: a backtest reads the whole history of a form, and the machine serves prospects too.
    private final ExecutorService workers =
            Executors.newFixedThreadPool(2, Thread.ofVirtual().factory());

    BacktestRuns(BacktestCandidates candidates) {
        this.candidates = candidates;
    }

    /** Starts a backtest of {@code candidate} and returns its run id at once. */
    public String start(String formId, String candidate, LocalDate from, LocalDate to, String startedBy) {
        forgetOld();
        String id = UUID.randomUUID().toString();
        runs.put(id, new Run(id, formId, candidate, startedBy, Instant.now(), 0, 0, null, null));
        workers.submit(() -> {
            try {
                BacktestReport report = candidates.run(
                        formId,
                        candidate,
                        from,
                        to,
                        0,
                        100,
                        (done, total) -> runs.computeIfPresent(
                                id,
                                (key, run) -> new Run(
                                        id, formId, candidate, startedBy, run.startedAt(), done, total, null, null)));
                runs.computeIfPresent(
                        id,
                        (key, run) -> new Run(
                                id,
                                formId,
                                candidate,
                                startedBy,
                                run.startedAt(),
                                run.total(),
                                run.total(),
                                report,
                                null));
            } catch (BacktestCandidates.Refused refused) {
                fail(id, refused.getMessage());
            } catch (RuntimeException e) {
                fail(id, "The backtest stopped on an error: " + e.getClass().getSimpleName());
            }
        });
        return id;
    }

    /** The run of this form with this id, if it is still kept. */
    public Optional<Run> find(String formId, String id) {
        return Optional.ofNullable(runs.get(id)).filter(run -> run.formId().equals(formId));
    }

    private void fail(String id, String message) {
        runs.computeIfPresent(
                id,
                (key, run) -> new Run(
                        id,
                        run.formId(),
                        run.candidate(),
                        run.startedBy(),
                        run.startedAt(),
                        run.done(),
                        run.total(),
                        null,
                        message));
    }

    private void forgetOld() {
        Instant before = Instant.now().minus(KEPT);
        runs.values().removeIf(run -> run.startedAt().isBefore(before));
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
