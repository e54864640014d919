package io.leadgate.reporting;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records funnel events without slowing a page: they queue in memory and are written in one batch every second.
 * Analytics may lose the last second on a crash; leads never depend on these rows.
 */
@ApplicationScoped
public class FunnelEvents {

    private static final Logger LOG = Logger.getLogger(FunnelEvents.class);
    static final int MAX_QUEUED = 100_000;

    private final ConcurrentLinkedQueue<FunnelEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

    public void record(String formId, String formVersion, FunnelEvent.Type type, String detail, String visit) {
        record(formId, formVersion, type, detail, visit, null, null);
    }

    /** An event of a visitor who sees {@code variant} of experiment {@code experimentId}. */
    public void record(
            String formId,
            String formVersion,
            FunnelEvent.Type type,
            String detail,
            String visit,
            Long experimentId,
            String variant) {
        record(formId, formVersion, type, detail, visit, experimentId, variant, TrafficSource.NONE);
    }

    private void record(
            String formId,
            String formVersion,
            FunnelEvent.Type type,
            String detail,
            String visit,
            Long experimentId,
            String variant,
            TrafficSource source) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            return;
        }
        FunnelEvent event = new FunnelEvent();
        event.formId = formId;
        event.formVersion = formVersion;
        event.type = type.name().toLowerCase();
        event.detail = detail;
        event.visit = visit;
        event.experimentId = experimentId;
        event.variant = variant;
        event.utmSource = source.utmSource();
        event.utmMedium = source.utmMedium();
        event.utmCampaign = source.utmCampaign();
        event.referrerDomain = source.referrerDomain();
        event.occurredAt = Instant.now();
        queue.add(event);
    }

    /** A view, with where it came from: the page's UTM parameters and the referring site's domain. */
    public void view(
            String formId, String formVersion, String visit, Long experimentId, String variant, TrafficSource source) {
        record(formId, formVersion, FunnelEvent.Type.VIEW, null, visit, experimentId, variant, source);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void flush() {
        List<FunnelEvent> batch = new ArrayList<>();
        for (FunnelEvent event; batch.size() < 5000 && (event = queue.poll()) != null; ) {
            batch.add(event);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> FunnelEvent.persist(batch));
            queued.addAndGet(-batch.size());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not store %d funnel events yet (%s); keeping them",
                    batch.size(), e.getClass().getSimpleName());
            queue.addAll(batch);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }
}
