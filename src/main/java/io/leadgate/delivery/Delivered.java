package io.leadgate.delivery;

import java.time.Instant;
import java.util.List;

/**
 * A successful delivery, fired (in {@link All}) in the transaction that records it, so that whoever the message was
 * about can note it (a lead's timeline shows "alerted") without delivery knowing what a lead is.
 */
public record Delivered(String subjectRef, Channel channel, String eventType, String destination, Instant at) {

    /** The deliveries recorded together in one transaction, fired once so that observers can read in one query. */
    public record All(List<Delivered> deliveries) {

        public All {
            deliveries = List.copyOf(deliveries);
        }
    }
}
