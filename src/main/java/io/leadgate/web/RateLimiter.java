package io.leadgate.web;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts submissions per IP address and per email key in fixed windows, in memory: each instance limits what it
 * receives, which is enough to stop one source from flooding sales.
 */
@ApplicationScoped
public class RateLimiter {

    private record Window(long start, AtomicInteger count) {}

    private final WebConfig config;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(WebConfig config) {
        this.config = config;
    }

    /** Counts one submission from this IP; false once it is over the limit for the current window. */
    public boolean allowIp(String ip) {
        return ip == null || allow("ip:" + ip, config.submissionsPerIp());
    }

    /** Counts one submission for this email key; false once it is over the limit for the current window. */
    public boolean allowEmail(String emailKey) {
        return allow("email:" + emailKey, config.submissionsPerEmail());
    }

    private boolean allow(String key, int limit) {
        long window = Instant.now().toEpochMilli() / config.rateWindow().toMillis();
        Window current = windows.compute(
                key, (k, w) -> w == null || w.start() != window ? new Window(window, new AtomicInteger()) : w);
        return current.count().incrementAndGet() <= limit;
    }

    @Scheduled(every = "1m")
    void forgetOldWindows() {
        long window = Instant.now().toEpochMilli() / config.rateWindow().toMillis();
        windows.values().removeIf(w -> w.start() < window);
    }

    Duration window() {
        return config.rateWindow();
    }
}
