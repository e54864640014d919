package io.leadgate.nurture;

import io.leadgate.common.LeadgateConfig;
import io.leadgate.delivery.EmailMessage;
import io.leadgate.delivery.Outbox;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.RenderedEmail;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.ValidSequence;
import io.leadgate.forms.definition.FormDefinition;
import io.leadgate.forms.definition.Option;
import io.leadgate.forms.definition.Question;
import io.leadgate.forms.definition.SequenceStep;
import io.leadgate.leads.Lead;
import io.leadgate.leads.LeadEvent;
import io.leadgate.leads.SubmissionService;
import io.leadgate.scoring.Answer;
import io.leadgate.scoring.Answers;
import io.leadgate.scoring.Verdict;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Sends due sequence steps. Each round locks a batch of due enrolments with {@code FOR UPDATE SKIP LOCKED}, so that
 * instances share the work and never send a step twice; checks again that the lead may still get marketing email;
 * waits for the send window; renders the step and queues it in the outbox in the same transaction, which then
 * delivers it durably, with retries and one Message-ID. Only due enrolments are read, through the due-time index.
 */
@ApplicationScoped
public class NurtureWorker {

    private static final Logger LOG = Logger.getLogger(NurtureWorker.class);
    /** How long a step waits when its sequence file is broken or its template fails. */
    private static final Duration BROKEN_RETRY = Duration.ofMinutes(5);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance footerHtml(
                String lang, String formTitle, String postalAddress, String unsubscribeUrl);

        static native TemplateInstance footerText(
                String lang, String formTitle, String postalAddress, String unsubscribeUrl);

        static native TemplateInstance reminderSubject(String lang, String formTitle);

        static native TemplateInstance reminderHtml(String lang, String formTitle, String firstName, String link);

        static native TemplateInstance reminderText(String lang, String formTitle, String firstName, String link);
    }

    /**
     * Whom a step is rendered for: a lead when sending, made-up data in the studio. {@code answers} are the form's
     * answers as the lead saw them, by question id.
     */
    public record Recipient(
            String name,
            String email,
            String formId,
            String formTitle,
            Map<String, String> answers,
            String requalifyUrl,
            String unsubscribeUrl) {}

    private final NurtureConfig config;
    private final LeadgateConfig leadgate;
    private final FormRegistry registry;
    private final Outbox outbox;
    private final Unsubscribes unsubscribes;
    private final Requalification requalification;
    private final SubmissionService submissions;
    private final EntityManager entities;
    private volatile Instant lastRefusal = Instant.EPOCH;
    private final ExecutorService lanesPool = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "nurture-lane");
        thread.setDaemon(true);
        return thread;
    });

    NurtureWorker(
            NurtureConfig config,
            LeadgateConfig leadgate,
            FormRegistry registry,
            Outbox outbox,
            Unsubscribes unsubscribes,
            Requalification requalification,
            SubmissionService submissions,
            EntityManager entities) {
        this.config = config;
        this.leadgate = leadgate;
        this.registry = registry;
        this.outbox = outbox;
        this.unsubscribes = unsubscribes;
        this.requalification = requalification;
        this.submissions = submissions;
        this.entities = entities;
    }

    void onStart(@Observes StartupEvent event) {
        startProblem().ifPresent(LOG::error);
    }

    /**
     * Why sequences refuse to start, if they do: marketing email must carry the sender's postal address (CAN-SPAM),
     * and its links need the signing secret.
     */
    public Optional<String> startProblem() {
        if (registry.sequences().isEmpty()) {
            return Optional.empty();
        }
        if (config.postalAddress().filter(a -> !a.isBlank()).isEmpty()) {
            return Optional.of(
                    "Nurture sequences do not start: set leadgate.nurture.postal-address (LEADGATE_NURTURE_POSTAL_ADDRESS) to"
                            + " the sender's postal address, which every marketing email must show. Enrolments wait and nothing is lost.");
        }
        if (config.secret().filter(s -> s.length() >= 16).isEmpty()) {
            return Optional.of(
                    "Nurture sequences do not start: set leadgate.nurture.secret (LEADGATE_NURTURE_SECRET) to 32 or more"
                            + " random characters; it signs the unsubscribe and re-qualification links. Enrolments wait and nothing is lost.");
        }
        return Optional.empty();
    }

    @Scheduled(every = "${leadgate.nurture.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        Optional<String> problem = startProblem();
        if (problem.isPresent()) {
            if (lastRefusal.isBefore(Instant.now().minus(Duration.ofMinutes(10)))) {
                lastRefusal = Instant.now();
                LOG.error(problem.get());
            }
            return;
        }
        // Several transactions side by side: SKIP LOCKED gives each its own enrolments.
        List<Future<?>> lanes = new ArrayList<>();
        for (int lane = 0; lane < Math.max(1, config.concurrency()); lane++) {
            lanes.add(lanesPool.submit(this::drain));
        }
        for (Future<?> lane : lanes) {
            try {
                lane.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.warnf(
                        "Cannot work due nurture steps (%s); will try again",
                        e.getCause().getClass().getSimpleName());
            }
        }
    }

    private void drain() {
        int cap = Math.max(1, config.maxQueued());
        while (outbox.marketingWaiting(cap) < cap && runOnce(Instant.now()) == config.batchSize()) {
            // A full batch means more are due: keep going rather than wait for the next tick.
        }
    }

    /** Works one batch of enrolments due at {@code now}; returns how many it locked. */
    @SuppressWarnings("unchecked")
    public int runOnce(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // Nothing this transaction reads is changed by it before (enrolments and leads are read first, once), so
            // changes can wait for the commit instead of being checked before every query; then they go in batches.
            Session session = entities.unwrap(Session.class);
            session.setHibernateFlushMode(FlushMode.COMMIT);
            session.setJdbcBatchSize(config.batchSize());
            List<Long> ids = ((List<Number>) entities.createNativeQuery(
                                    "SELECT id FROM nurture_enrolment WHERE next_due_at <= ?1 AND status = 'ACTIVE'"
                                            + " ORDER BY next_due_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED")
                            .setParameter(1, now)
                            .setParameter(2, config.batchSize())
                            .getResultList())
                    .stream().map(Number::longValue).toList();
            if (ids.isEmpty()) {
                return 0;
            }
            // Native: Hibernate translates a query with a list parameter again at every call.
            List<Enrolment> due = entities.createNativeQuery(
                            "SELECT * FROM nurture_enrolment WHERE id IN (:ids) ORDER BY next_due_at, id",
                            Enrolment.class)
                    .setParameter("ids", ids)
                    .getResultList();
            Map<Long, Lead> leads = ((List<Lead>) entities.createNativeQuery(
                                    "SELECT * FROM lead WHERE id IN (:ids)", Lead.class)
                            .setParameter("ids", due.stream().map(e -> e.leadId).collect(Collectors.toSet()))
                            .getResultList())
                    .stream().collect(Collectors.toMap(lead -> lead.id, lead -> lead));
            Map<String, String> suppressed = unsubscribes.reasonsFor(leads.values().stream()
                    .filter(lead -> !leaves(lead))
                    .map(lead -> lead.email)
                    .toList());
            Map<String, Map<Long, Answers>> answers = new HashMap<>();
            due.stream()
                    .filter(enrolment -> leads.containsKey(enrolment.leadId))
                    .collect(Collectors.groupingBy(
                            enrolment -> enrolment.formId,
                            Collectors.mapping(enrolment -> enrolment.leadId, Collectors.toSet())))
                    .forEach((formId, leadIds) -> answers.put(formId, submissions.answersOf(leadIds, formId)));
            List<String[]> steps = new ArrayList<>();
            for (Enrolment enrolment : due) {
                Lead lead = leads.get(enrolment.leadId);
                Due step = new Due(
                        enrolment,
                        lead,
                        lead == null ? null : suppressed.get(lead.email),
                        answers.getOrDefault(enrolment.formId, Map.of()).getOrDefault(enrolment.leadId, Answers.NONE));
                advance(step, now, (email, stepId) -> {
                    outbox.email(Enrolments.STEP_EMAIL, lead.publicId, email);
                    steps.add(new String[] {enrolment.sequenceId, stepId});
                });
            }
            NurtureEvent.recordAll(steps, NurtureEvent.Kind.SENT, now);
            return ids.size();
        });
    }

    private static boolean leaves(Lead lead) {
        return Verdict.QUALIFIED.key().equals(lead.verdict)
                || Verdict.DISQUALIFIED.key().equals(lead.verdict);
    }

    /** A due enrolment with what was read for it: its lead (null once erased), why it is suppressed, its answers. */
    private record Due(Enrolment enrolment, Lead lead, String suppressedAs, Answers answers) {}

    /** Moves one enrolment on; a step to send goes to {@code send} with its id. */
    private void advance(Due due, Instant now, BiConsumer<EmailMessage, String> send) {
        Enrolment enrolment = due.enrolment();
        Lead lead = due.lead();
        if (lead == null) {
            Enrolments.end(enrolment, Enrolment.Status.EXITED, "erased", now);
            return;
        }
        Optional<String> leaving = Verdict.QUALIFIED.key().equals(lead.verdict)
                ? Optional.of("qualified")
                : Verdict.DISQUALIFIED.key().equals(lead.verdict)
                        ? Optional.of("disqualified")
                        : Optional.ofNullable(due.suppressedAs());
        if (leaving.isPresent()) {
            Enrolments.end(enrolment, Enrolment.Status.EXITED, leaving.get(), now);
            LeadEvent.record(lead.id, "nurture.exited", enrolment.sequenceId + ": " + leaving.get(), now);
            return;
        }
        if (!(registry.sequence(enrolment.sequenceId).orElse(null) instanceof ValidSequence sequence)) {
            LOG.warnf("Sequence %s is missing or broken; its due steps wait %s", enrolment.sequenceId, BROKEN_RETRY);
            enrolment.nextDueAt = now.plus(BROKEN_RETRY);
            return;
        }
        List<SequenceStep> steps = sequence.definition().steps();
        boolean reminder = enrolment.nextStep >= steps.size();
        if (reminder && (enrolment.remindAt == null || enrolment.nextStep > steps.size())) {
            Enrolments.end(enrolment, Enrolment.Status.COMPLETED, "completed", now);
            return;
        }
        if (reminder && enrolment.remindAt.isAfter(now)) {
            enrolment.nextDueAt = enrolment.remindAt;
            return;
        }
        Instant opening = sequence.definition().sendWindow() == null
                ? now
                : sequence.definition().sendWindow().nextOpening(now);
        if (opening.isAfter(now)) {
            enrolment.nextDueAt = opening;
            return;
        }
        int index = enrolment.nextStep;
        String stepId = reminder ? Enrolments.REMINDER : steps.get(index).id();
        EmailMessage email;
        try {
            email = render(sequence, index, enrolment, lead, due.answers());
        } catch (RuntimeException e) {
            LOG.errorf(
                    "Step %s of sequence %s cannot be rendered (%s); it waits %s",
                    stepId, sequence.id(), e.getClass().getSimpleName(), BROKEN_RETRY);
            enrolment.nextDueAt = now.plus(BROKEN_RETRY);
            return;
        }
        send.accept(email, stepId);
        LeadEvent.record(lead.id, "nurture.sent", sequence.id() + "/" + stepId, now);
        enrolment.nextStep = index + 1;
        enrolment.lastSentAt = now;
        if (reminder) {
            enrolment.remindAt = null;
            Enrolments.end(enrolment, Enrolment.Status.COMPLETED, "completed", now);
        } else if (enrolment.nextStep == steps.size()) {
            if (enrolment.remindAt == null || !enrolment.remindAt.isAfter(now)) {
                // A date that passed while the steps went out needs no second email: the last step just invited.
                enrolment.remindAt = null;
                Enrolments.end(enrolment, Enrolment.Status.COMPLETED, "completed", now);
            } else {
                enrolment.nextDueAt = enrolment.remindAt;
            }
        } else {
            enrolment.nextDueAt = now.plus(steps.get(enrolment.nextStep).delay());
        }
    }

    private EmailMessage render(ValidSequence sequence, int index, Enrolment enrolment, Lead lead, Answers known) {
        Optional<ValidForm> form = registry.find(enrolment.formId)
                .filter(ValidForm.class::isInstance)
                .map(ValidForm.class::cast);
        String language = enrolment.language;
        String formTitle = form.map(f -> f.definition().title().in(language)).orElse(enrolment.formId);
        Map<String, String> answers =
                form.map(f -> answerLabels(f.definition(), known, language)).orElse(Map.of());
        Recipient recipient = new Recipient(
                lead.name == null ? "" : lead.name.strip(),
                lead.email,
                enrolment.formId,
                formTitle,
                answers,
                leadgate.baseUrl() + "/r/" + requalification.tokenFor(lead.publicId, index),
                leadgate.baseUrl() + "/u/" + unsubscribes.tokenFor(lead.publicId));
        return compose(
                sequence, index, language, recipient, config.postalAddress().orElseThrow());
    }

    /**
     * Renders step {@code index} of a sequence (or its reminder) for one recipient exactly as it is sent: the
     * sequence's templates, the footer with the postal address and unsubscribe link, and the one-click unsubscribe
     * headers. It reads and sends nothing, so the studio previews emails with it too.
     */
    public EmailMessage compose(
            ValidSequence sequence, int index, String language, Recipient recipient, String postalAddress) {
        String name = recipient.name();
        Map<String, Object> data = Map.of(
                "lead",
                        Map.of(
                                "name",
                                name,
                                "firstName",
                                name.isEmpty() ? "" : name.split("\\s+")[0],
                                "company",
                                recipient.answers().getOrDefault("company", ""),
                                "email",
                                recipient.email()),
                "form", Map.of("id", recipient.formId(), "title", recipient.formTitle()),
                "answers", recipient.answers(),
                "links", Map.of("requalify", recipient.requalifyUrl(), "unsubscribe", recipient.unsubscribeUrl()),
                "step",
                        Map.of(
                                "number",
                                index + 1,
                                "count",
                                sequence.definition().steps().size()));
        RenderedEmail rendered = index < sequence.definition().steps().size()
                        || sequence.reminderIndex().isPresent()
                ? sequence.render(index, language, data)
                : builtInReminder(language, recipient.formTitle(), data);
        String unsubscribeUrl = recipient.unsubscribeUrl();
        String html = rendered.html()
                + Templates.footerHtml(language, recipient.formTitle(), postalAddress, unsubscribeUrl)
                        .render();
        String text = rendered.text()
                + Templates.footerText(language, recipient.formTitle(), postalAddress, unsubscribeUrl)
                        .render();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new EmailMessage(List.of(recipient.email()), null, rendered.subject(), text, html, headers, true);
    }

    /** The reminder a sequence without one of its own sends on the date an answer asked for. */
    private static RenderedEmail builtInReminder(String language, String formTitle, Map<String, Object> data) {
        @SuppressWarnings("unchecked")
        Map<String, String> lead = (Map<String, String>) data.get("lead");
        @SuppressWarnings("unchecked")
        String link = ((Map<String, String>) data.get("links")).get("requalify");
        return new RenderedEmail(
                Templates.reminderSubject(language, formTitle)
                        .render()
                        .replaceAll("[\\s\\x00]+", " ")
                        .strip(),
                Templates.reminderHtml(language, formTitle, lead.get("firstName"), link)
                        .render(),
                Templates.reminderText(language, formTitle, lead.get("firstName"), link)
                        .render());
    }

    /** Each question of the form with the lead's answer as the lead saw it (option labels), or empty. */
    static Map<String, String> answerLabels(FormDefinition form, Answers known, String language) {
        Map<String, String> labels = new HashMap<>();
        form.questions()
                .forEach(question -> labels.put(
                        question.id(),
                        known.get(question.id())
                                .map(answer -> label(question, answer, language))
                                .orElse("")));
        return labels;
    }

    private static String label(Question question, Answer answer, String language) {
        return answer.values().stream()
                .map(value -> question.options().stream()
                        .filter(o -> o.value().equals(value))
                        .findFirst()
                        .map(Option::label)
                        .map(l -> l.in(language))
                        .orElse(value))
                .collect(Collectors.joining(", "));
    }
}
