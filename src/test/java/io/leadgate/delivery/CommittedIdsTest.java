package io.leadgate.delivery;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommittedIdsTest {

    @Test
    void alertsAreTakenBeforeMarketingEmailCommittedEarlier() {
        CommittedIds ids = new CommittedIds(100);
        ids.add(1, OutboxMessage.MARKETING);
        ids.add(2, OutboxMessage.MARKETING);
        ids.add(3, OutboxMessage.FIRST);
        assertEquals(List.of(3L, 1L), ids.take(2));
        assertEquals(List.of(2L), ids.take(5));
        assertTrue(ids.isEmpty());
    }

    @Test
    void idsBeyondTheBoundAreLeftToTheScan() {
        CommittedIds ids = new CommittedIds(2);
        assertTrue(ids.add(1, OutboxMessage.FIRST));
        assertTrue(ids.add(2, OutboxMessage.MARKETING));
        assertFalse(ids.add(3, OutboxMessage.FIRST));
        assertEquals(List.of(1L, 2L), ids.take(10));
        assertTrue(ids.add(4, OutboxMessage.FIRST), "taking makes room again");
    }

    @Test
    void aScanForgetsOnlyTheIdsThatWereThereBeforeIt() {
        CommittedIds ids = new CommittedIds(100);
        ids.add(1, OutboxMessage.FIRST);
        ids.add(2, OutboxMessage.MARKETING);
        CommittedIds.Mark beforeScan = ids.mark();
        ids.add(3, OutboxMessage.FIRST);
        ids.add(4, OutboxMessage.MARKETING);
        ids.forget(beforeScan);
        assertEquals(List.of(3L, 4L), ids.take(10));
        ids.add(5, OutboxMessage.FIRST);
        assertTrue(ids.add(6, OutboxMessage.FIRST));
        assertEquals(2, ids.take(10).size(), "the count followed what was forgotten");
    }
}
