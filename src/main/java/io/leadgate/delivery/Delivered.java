package io.leadgate.delivery;

import java.time.Instant;

/**
 * Fired in the transaction that records a successful delivery, so that whoever the message was about can note it
 * (a lead's timeline shows "alerted") without delivery knowing what a lead is.
 */
public record Delivered(String subjectRef, Channel channel, String eventType, String destination, Instant at) {}
