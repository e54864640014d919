package io.leadgate.common;

import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs concurrent jobs together, one batch at a time per lane (a transaction, or a statement), and answers each caller
 * only once the batch that holds its job has committed; a job that fails is taken out and run alone, and the rest of
 * its batch runs again without it. Jobs with the same lane key always share a lane, so that two lanes never wait on
 * each other's rows.
 */
public final class GroupCommit<J, R> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /**
     * Runs jobs together (in one transaction, or one statement) and returns their results in order; reports each job
     * it starts to the tracker.
     */
    public interface Together<J, R> {
        List<R> run(List<J> jobs, Tracker<J> tracker);
    }

    /** Told which job is being worked on, so that a failure names the job that caused it. */
    public static final class Tracker<J> {
        private J current;

        public void working(J job) {
            current = job;
        }

        public void finished() {
            current = null;
        }
    }

    /** What the batches did, for metrics: how many jobs each committed batch held, and jobs taken out to run alone. */
    public interface Observer {
        /** Nothing is observed. */
        Observer NONE = new Observer() {
            @Override
            public void committed(int jobs) {}

            @Override
            public void tookOut() {}
        };

        void committed(int jobs);

        void tookOut();
    }

    /** A job and the future its caller waits on. */
    public record Pending<J, R>(J job, CompletableFuture<R> result) {}

    private final List<LinkedBlockingQueue<Pending<J, R>>> lanes = new ArrayList<>();
    private final int maxBatch;
    private final Together<J, R> together;
    private final Function<J, R> alone;
    private final Observer observer;
    private final Predicate<RuntimeException> unavailable;
    private volatile boolean stopping;

    public GroupCommit(
            String name,
            int laneCount,
            int maxBatch,
            Together<J, R> together,
            Function<J, R> alone,
            Predicate<RuntimeException> unavailable,
            Observer observer) {
        this.maxBatch = maxBatch;
        this.unavailable = unavailable;
        this.together = together;
        this.alone = alone;
        this.observer = observer;
        for (int i = 0; i < laneCount; i++) {
            LinkedBlockingQueue<Pending<J, R>> queue = new LinkedBlockingQueue<>();
            lanes.add(queue);
            Thread thread = Thread.ofPlatform().daemon().name(name + "-" + i).unstarted(() -> drain(queue));
            thread.start();
        }
    }

    /** Runs the job with whatever else arrives meanwhile and returns its result once committed. */
    public R submit(J job, Object laneKey) {
        if (stopping) {
            return alone.apply(job);
        }
        Pending<J, R> pending = new Pending<>(job, new CompletableFuture<>());
        LinkedBlockingQueue<Pending<J, R>> lane = lanes.get(Math.floorMod(laneKey.hashCode(), lanes.size()));
        lane.add(pending);
        if (stopping && lane.remove(pending)) {
            // The lane may have ended already; one that took the job completes it.
            return alone.apply(job);
        }
        try {
            return pending.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Lets the lanes finish what they hold; later jobs run alone on their callers' threads. */
    public void stop() {
        stopping = true;
    }

    private void drain(LinkedBlockingQueue<Pending<J, R>> queue) {
        while (true) {
            List<Pending<J, R>> batch = new ArrayList<>();
            try {
                Pending<J, R> next = queue.poll(100, TimeUnit.MILLISECONDS);
                if (next == null && stopping) {
                    // A caller that read "not stopping" has added its job before this second look.
                    next = queue.poll();
                    if (next == null) {
                        return;
                    }
                }
                if (next == null) {
                    continue;
                }
                batch.add(next);
                queue.drainTo(batch, maxBatch - 1);
                run(batch);
            } catch (InterruptedException e) {
                // Only stopping ends a lane; a lane that quit would leave its callers waiting.
                Thread.interrupted();
            } catch (Throwable e) {
                // Never leave a caller waiting, whatever went wrong.
                batch.forEach(p -> p.result().completeExceptionally(e));
            }
        }
    }

    /** Runs a batch, taking out each job that fails and running the rest again; tests call it directly. */
    public void run(List<Pending<J, R>> batch) {
        List<Pending<J, R>> todo = new ArrayList<>(batch);
        while (!todo.isEmpty()) {
            if (todo.size() == 1) {
                if (runAlone(todo.getFirst())) {
                    observer.committed(1);
                }
                return;
            }
            Tracker<J> tracker = new Tracker<>();
            List<R> results;
            try {
                results = together.run(todo.stream().map(Pending::job).toList(), tracker);
            } catch (RuntimeException e) {
                if (unavailable.test(e)) {
                    // The database is out of reach: every job would fail the same way, one after the other.
                    todo.forEach(p -> p.result().completeExceptionally(e));
                    return;
                }
                J failed = tracker.current;
                if (failed == null) {
                    // The commit itself failed: nothing tells which job caused it, so each runs alone.
                    LOG.debugf("A batch of %d jobs failed to commit; running each alone", todo.size());
                    todo.forEach(p -> {
                        observer.tookOut();
                        runAlone(p);
                    });
                    return;
                }
                Pending<J, R> culprit =
                        todo.stream().filter(p -> p.job() == failed).findFirst().orElseThrow();
                todo.remove(culprit);
                observer.tookOut();
                runAlone(culprit);
                continue;
            }
            for (int i = 0; i < todo.size(); i++) {
                todo.get(i).result().complete(results.get(i));
            }
            observer.committed(todo.size());
            return;
        }
    }

    private boolean runAlone(Pending<J, R> pending) {
        try {
            pending.result().complete(alone.apply(pending.job()));
            return true;
        } catch (Throwable e) {
            pending.result().completeExceptionally(e);
            return false;
        }
    }
}
