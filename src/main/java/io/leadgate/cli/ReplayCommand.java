package io.leadgate.cli;

import io.leadgate.delivery.OutboxReplay;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code replay [--enable <endpoint-key>] (<message-id> | --failed-since <instant>)}: sends failed messages again
 * with their original ids, after switching a disabled webhook endpoint back on if asked.
 */
@ApplicationScoped
public class ReplayCommand {

    static final String USAGE =
            "Usage: replay [--enable <endpoint-key>] (<message-id> | --failed-since <2026-11-20T00:00:00Z>)";

    private final OutboxReplay replay;

    ReplayCommand(OutboxReplay replay) {
        this.replay = replay;
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        String enable = null;
        String messageId = null;
        Instant since = null;
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--enable" -> enable = args[++i];
                    case "--failed-since" -> since = Instant.parse(args[++i]);
                    default -> messageId = args[i];
                }
            }
        } catch (ArrayIndexOutOfBoundsException | DateTimeParseException e) {
            err.println(USAGE);
            return 2;
        }
        if ((messageId == null) == (since == null) && enable == null) {
            err.println(USAGE);
            return 2;
        }
        if (enable != null) {
            out.println(
                    replay.enableEndpoint(enable)
                            ? "Endpoint " + enable + " enabled."
                            : "Endpoint " + enable + " was not disabled.");
        }
        if (messageId != null) {
            if (!replay.replay(messageId)) {
                err.println("No failed message " + messageId + ".");
                return 1;
            }
            out.println("Message " + messageId + " queued again with the same id.");
        }
        if (since != null) {
            out.println(replay.replayFailedSince(since) + " failed message(s) since " + since
                    + " queued again with their ids.");
        }
        return 0;
    }
}
