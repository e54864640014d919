package io.leadgate.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something the application does in the background, failing with what was awaited. */
public final class Eventually {

    private Eventually() {}

    public static void holds(BooleanSupplier condition, String what) {
        assertion(() -> {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("timed out waiting for " + what);
            }
        });
    }

    /** Retries the assertion until it passes or 20 seconds are up, then throws its last failure. */
    public static void assertion(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
