package io.leadgate.admin;

import io.leadgate.forms.BrokenForm;
import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.LoadedForm;
import io.leadgate.forms.ValidForm;
import io.leadgate.leads.BacktestReport;
import io.leadgate.leads.Backtests;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;

/** Finds what a backtest compares (the published form and a draft or version of it) and runs it, or says why not. */
@ApplicationScoped
public class BacktestCandidates {

    /** Why a backtest cannot run, as a sentence for a 422 or the studio page. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** Too many backtests are running already; the caller should try again a little later. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("Two backtests are running already; try again in a minute.");
        }
    }

    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    // Two at a time at most, from the API and the studio together: a backtest reads a form's whole history, and the
    // same cores serve prospects.
    private final Semaphore running = new Semaphore(2);
    private final FormRegistry registry;
    private final FormStore store;
    private final Backtests backtests;

    BacktestCandidates(FormRegistry registry, FormStore store, Backtests backtests) {
        this.registry = registry;
        this.store = store;
        this.backtests = backtests;
    }

    /**
     * Backtests {@code candidate} ("draft" or a version number) against the published form over [from, to].
     *
     * @throws Refused when the form is not published, the candidate does not exist or has problems, or the period
     *     is upside down
     */
    public BacktestReport run(
            String formId,
            String candidate,
            LocalDate from,
            LocalDate to,
            int offset,
            int limit,
            BiConsumer<Long, Long> progress) {
        ValidForm published = registry.find(formId)
                .filter(ValidForm.class::isInstance)
                .map(ValidForm.class::cast)
                .orElseThrow(() -> new Refused("'" + formId + "' is not a published, valid form."));
        if (from != null && to != null && to.isBefore(from)) {
            throw new Refused("The period ends (" + to + ") before it starts (" + from + ").");
        }
        for (LocalDate day : new LocalDate[] {from, to}) {
            if (day != null && (day.isBefore(EARLIEST) || day.isAfter(LATEST))) {
                throw new Refused("Dates lie between " + EARLIEST + " and " + LATEST + ", not " + day + ".");
            }
        }
        ValidForm trial = load(formId, candidate);
        if (!running.tryAcquire()) {
            throw new Busy();
        }
        try {
            return replay(published, trial, candidate, from, to, offset, limit, progress);
        } finally {
            running.release();
        }
    }

    private BacktestReport replay(
            ValidForm published,
            ValidForm trial,
            String candidate,
            LocalDate from,
            LocalDate to,
            int offset,
            int limit,
            BiConsumer<Long, Long> progress) {
        return backtests.run(
                published,
                trial,
                candidate == null || candidate.isBlank() ? "draft" : candidate.strip(),
                from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                Math.max(0, offset),
                Math.clamp(limit, 0, 500),
                progress);
    }

    private ValidForm load(String formId, String candidate) {
        String name = candidate == null || candidate.isBlank() ? "draft" : candidate.strip();
        Optional<String> text;
        if (name.equals("draft")) {
            text = store.draft(Kind.FORM, formId)
                    .map(d -> d.content() != null
                            ? d.content()
                            : store.latest(Kind.FORM, formId).orElse(null));
            if (text.isEmpty()) {
                throw new Refused("'" + formId + "' has no draft; backtest a version number instead.");
            }
        } else if (name.matches("\\d{1,9}")) {
            text = store.version(Kind.FORM, formId, Integer.parseInt(name));
            if (text.isEmpty()) {
                throw new Refused("'" + formId + "' has no version " + name + ".");
            }
        } else {
            throw new Refused("The candidate is 'draft' or a version number, not '" + name + "'.");
        }
        LoadedForm loaded = registry.loadDraft(formId, text.get().getBytes(StandardCharsets.UTF_8));
        if (loaded instanceof BrokenForm broken) {
            throw new Refused("The candidate has " + broken.problems().size()
                    + " problem(s); fix them in the studio first. The first: "
                    + broken.problems().getFirst());
        }
        return (ValidForm) loaded;
    }
}
