package io.leadgate.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ids of outbox messages this instance committed and has not claimed yet, alerts and other transactional
 * messages apart from marketing email, bounded: an id that does not fit is left to the scan for due messages.
 */
final class CommittedIds {

    /** How many ids each queue held at a moment: those are the oldest ones in it then. */
    record Mark(int first, int marketing) {}

    private final Queue<Long> first = new ConcurrentLinkedQueue<>();
    private final Queue<Long> marketing = new ConcurrentLinkedQueue<>();
    // Counted apart: a ConcurrentLinkedQueue counts its size by walking it.
    private final AtomicInteger firstSize = new AtomicInteger();
    private final AtomicInteger marketingSize = new AtomicInteger();
    private final AtomicInteger size = new AtomicInteger();
    private final int max;

    CommittedIds(int max) {
        this.max = max;
    }

    /** Remembers a committed message; false when full. */
    boolean add(long id, int priority) {
        if (size.incrementAndGet() > max) {
            size.decrementAndGet();
            return false;
        }
        if (priority == OutboxMessage.MARKETING) {
            marketingSize.incrementAndGet();
            marketing.add(id);
        } else {
            firstSize.incrementAndGet();
            first.add(id);
        }
        return true;
    }

    boolean isEmpty() {
        return first.isEmpty() && marketing.isEmpty();
    }

    /** Takes up to {@code limit} ids, those of alerts and other transactional messages before marketing email. */
    List<Long> take(int limit) {
        List<Long> ids = new ArrayList<>();
        poll(first, firstSize, limit, ids);
        poll(marketing, marketingSize, limit, ids);
        return ids;
    }

    Mark mark() {
        return new Mark(firstSize.get(), marketingSize.get());
    }

    /** Forgets the ids that were already there at the mark (fewer, if some were taken since). */
    void forget(Mark mark) {
        poll(first, firstSize, mark.first(), new ArrayList<>());
        poll(marketing, marketingSize, mark.marketing(), new ArrayList<>());
    }

    /** Moves ids from the queue to {@code into} until it holds {@code limit}. */
    private void poll(Queue<Long> queue, AtomicInteger queueSize, int limit, List<Long> into) {
        for (Long id; into.size() < limit && (id = queue.poll()) != null; ) {
            queueSize.decrementAndGet();
            size.decrementAndGet();
            into.add(id);
        }
    }
}
