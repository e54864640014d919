package io.leadgate.delivery;

/** How a message leaves Leadgate. */
public enum Channel {
    /** An email whose payload is a rendered {@link EmailMessage}. */
    EMAIL,
    /** An HTTP POST whose payload is the exact body to sign and send. */
    WEBHOOK
}
