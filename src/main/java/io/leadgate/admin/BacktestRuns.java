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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
    // Two at a time, and a short queue: more waiting runs than this are refused at once instead of piling up work
    // that nobody watches (a backtest reads a form's whole history, and the same cores serve prospects).
    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(
            2,
            2,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(4),
            Thread.ofVirtual().factory());

    BacktestRuns(BacktestCandidates candidates) {
        this.candidates = candidates;
    }

    /**
     * Starts a backtest of {@code candidate} and returns its run id at once.
     *
     * @throws BacktestCandidates.Busy when too many runs are waiting already
     */
    public String start(String formId, String candidate, LocalDate from, LocalDate to, String startedBy) {
        forgetOld();
        String id = UUID.randomUUID().toString();
        runs.put(id, new Run(id, formId, candidate, startedBy, Instant.now(), 0, 0, null, null));
        try {
            workers.execute(() -> work(id, formId, candidate, from, to, startedBy));
        } catch (RejectedExecutionException e) {
            runs.remove(id);
            throw new BacktestCandidates.Busy();
        }
        return id;
    }

    private void work(String id, String formId, String candidate, LocalDate from, LocalDate to, String startedBy) {
        if (!runs.containsKey(id)) {
            return;
        }
        // A run waits while the API's backtests hold both permits, rather than failing.
        for (int tries = 0; ; tries++) {
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
                return;
            } catch (BacktestCandidates.Busy busy) {
                if (tries >= 60) {
                    fail(id, busy.getMessage());
                    return;
                }
                sleep();
            } catch (BacktestCandidates.Refused refused) {
                fail(id, refused.getMessage());
                return;
            } catch (RuntimeException | Error e) {
                fail(id, "The backtest stopped on an error: " + e.getClass().getSimpleName());
                if (e instanceof Error error) {
                    throw error;
                }
                return;
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
