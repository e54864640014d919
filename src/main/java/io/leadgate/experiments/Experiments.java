package io.leadgate.experiments;

import io.leadgate.common.Digests;
import io.leadgate.forms.BrokenForm;
import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.FormStudio;
import io.leadgate.forms.LoadedForm;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.definition.FormDefinition;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Starts, serves, ends and promotes experiments. Running ones are held in memory and read again every two seconds, so
 * a form page never waits on the database to learn its variant; another instance follows within that time.
 */
@ApplicationScoped
public class Experiments {

    private static final Logger LOG = Logger.getLogger(Experiments.class);
    static final List<String> KEYS = List.of("A", "B", "C", "D");
    private static final int MAX_NAME = 200;

    /** What the marketer asks for: a name and two to four variants, the first being the control. */
    public record Plan(String name, List<VariantPlan> variants) {}

    /** One asked-for variant: "published", "draft" or a version number, and its percent of visitors. */
    public record VariantPlan(String source, Integer share) {}

    /** One variant as served: its experiment, letter and share, and the form it shows. */
    public record Arm(long experimentId, String key, int share, ValidForm form) {}

    /** A running experiment with its compiled variants. */
    public record Running(long id, String formId, String name, Instant startedAt, List<Arm> arms) {}

    /** Why an experiment cannot start, end or be promoted: an HTTP status and a sentence that says what to change. */
    public static final class Refused extends RuntimeException {
        public final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final FormRegistry registry;
    private final FormStore store;
    private final FormStudio studio;
    private volatile Map<String, Running> running = Map.of();
    /** How long after its end a visitor half-way through an experiment still finishes on their variant. */
    static final Duration FINISHING = Duration.ofDays(1);

    private record Finished(Arm arm, Instant endedAt) {}

    // Arms of experiments that ended, for visitors who were half-way through one when it ended.
    private final Map<String, Finished> ended = new ConcurrentHashMap<>();

    Experiments(FormRegistry registry, FormStore store, FormStudio studio) {
        this.registry = registry;
        this.store = store;
        this.studio = studio;
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
    }

    /** Reads the running experiments again; a variant compiles once per instance. */
    @Scheduled(every = "${leadgate.forms.reload-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void refresh() {
        try {
            Map<String, Running> now = new LinkedHashMap<>();
            QuarkusTransaction.requiringNew().run(() -> {
                for (Experiment experiment : Experiment.allRunning()) {
                    Running known = running.get(experiment.formId);
                    now.put(
                            experiment.formId,
                            known != null && known.id() == experiment.id ? known : compile(experiment));
                }
            });
            running = Map.copyOf(now);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Cannot read the running experiments (%s); serving as before",
                    e.getClass().getSimpleName());
        }
    }

    /** The experiment running on this form, if any. */
    public Optional<Running> runningOn(String formId) {
        return Optional.ofNullable(running.get(formId));
    }

    /**
     * The variant this visitor sees: the one their earlier assignment names while that experiment runs, otherwise one
     * drawn by the split. Empty when no experiment runs on the form.
     */
    public Optional<Arm> assign(String formId, Long assignedExperiment, String assignedKey) {
        Running experiment = running.get(formId);
        if (experiment == null || experiment.arms().isEmpty()) {
            return Optional.empty();
        }
        if (assignedExperiment != null && assignedExperiment == experiment.id()) {
            for (Arm arm : experiment.arms()) {
                if (arm.key().equals(assignedKey)) {
                    return Optional.of(arm);
                }
            }
        }
        int draw = ThreadLocalRandom.current().nextInt(100);
        for (Arm arm : experiment.arms()) {
            draw -= arm.share();
            if (draw < 0) {
                return Optional.of(arm);
            }
        }
        return Optional.of(experiment.arms().getLast());
    }

    /** The variant a form token names, also shortly after its experiment ended, so a visitor half-way can finish. */
    public Optional<Arm> arm(String formId, long experimentId, String key) {
        Running experiment = running.get(formId);
        if (experiment != null && experiment.id() == experimentId) {
            return experiment.arms().stream().filter(a -> a.key().equals(key)).findFirst();
        }
        String cacheKey = formId + "/" + experimentId + "/" + key;
        Finished finished = ended.get(cacheKey);
        if (finished == null) {
            try {
                finished = QuarkusTransaction.requiringNew()
                        .call(() -> Experiment.<Experiment>findByIdOptional(experimentId)
                                .filter(e -> e.formId.equals(formId) && e.endedAt != null)
                                .flatMap(e -> compile(e).arms().stream()
                                        .filter(a -> a.key().equals(key))
                                        .findFirst()
                                        .map(a -> new Finished(a, e.endedAt))))
                        .orElse(null);
            } catch (RuntimeException e) {
                // The published form serves instead; a visitor's page must never fail on an experiment's lookup.
                LOG.warnf(
                        "Cannot read experiment %d (%s)",
                        experimentId, e.getClass().getSimpleName());
                return Optional.empty();
            }
            if (finished == null) {
                return Optional.empty();
            }
            if (ended.size() >= 256) {
                ended.clear();
            }
            ended.put(cacheKey, finished);
        }
        return finished.endedAt().plus(FINISHING).isAfter(Instant.now())
                ? Optional.of(finished.arm())
                : Optional.empty();
    }

    /**
     * Starts an experiment on a published form.
     *
     * @throws Refused 422 for a plan that cannot run (unknown versions, variants with problems or the same text, shares
     *     not summing to 100, an experiment already running on the form)
     */
    public long start(String formId, Plan plan, String actor) {
        ValidForm published = registry.find(formId)
                .filter(ValidForm.class::isInstance)
                .map(ValidForm.class::cast)
                .orElseThrow(() -> new Refused(404, "'" + formId + "' is not a published, valid form."));
        if (plan == null
                || plan.variants() == null
                || plan.variants().size() < 2
                || plan.variants().size() > 4) {
            throw new Refused(422, "An experiment compares two to four variants; the first is the control.");
        }
        String name = plan.name() == null || plan.name().isBlank()
                ? "Experiment on " + formId
                : plan.name().strip();
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new Refused(422, "The name is one line of at most " + MAX_NAME + " characters.");
        }
        int total = 0;
        List<ExperimentVariant> variants = new ArrayList<>();
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < plan.variants().size(); i++) {
            VariantPlan asked = plan.variants().get(i);
            String key = KEYS.get(i);
            if (asked == null || asked.share() == null || asked.share() < 1 || asked.share() > 99) {
                throw new Refused(422, "Variant " + key + " needs a share between 1 and 99 percent.");
            }
            total += asked.share();
            ExperimentVariant variant = new ExperimentVariant();
            variant.key = key;
            variant.share = asked.share();
            variant.origin = origin(asked.source());
            variant.content = text(formId, published, variant.origin, key);
            variant.contentHash = Digests.sha256Hex(variant.content);
            if (!texts.add(variant.contentHash)) {
                throw new Refused(
                        422,
                        "Variant " + key + " (" + variant.origin + ") has the same text as an earlier variant;"
                                + " each variant must differ.");
            }
            variants.add(variant);
        }
        if (total != 100) {
            throw new Refused(422, "The shares add up to " + total + " percent; they must add up to 100.");
        }
        long id;
        try {
            id = insert(formId, name, actor, variants);
        } catch (Refused refused) {
            throw refused;
        } catch (RuntimeException e) {
            // Two starts at the same moment: the unique running_form_id let one through; the other learns which.
            Optional<Experiment> winner = QuarkusTransaction.requiringNew().call(() -> Experiment.runningOn(formId));
            if (winner.isPresent()) {
                throw new Refused(
                        422, "'" + winner.get().name + "' is already running on this form; end or promote it first.");
            }
            throw e;
        }
        refresh();
        LOG.infof("Experiment %d started on form %s with %d variants", id, formId, variants.size());
        return id;
    }

    private static long insert(String formId, String name, String actor, List<ExperimentVariant> variants) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Experiment> clash = Experiment.runningOn(formId);
            if (clash.isPresent()) {
                throw new Refused(
                        422, "'" + clash.get().name + "' is already running on this form; end or promote it first.");
            }
            Experiment experiment = new Experiment();
            experiment.formId = formId;
            experiment.runningFormId = formId;
            experiment.name = name;
            experiment.startedBy = actor;
            experiment.startedAt = Instant.now();
            experiment.persistAndFlush();
            for (ExperimentVariant variant : variants) {
                variant.experimentId = experiment.id;
                variant.persist();
            }
            return experiment.id;
        });
    }

    /** Ends a running experiment without publishing anything; the published form serves everyone again. */
    public void end(String formId, long id, String actor) {
        QuarkusTransaction.requiringNew().run(() -> {
            Experiment experiment = runningExperiment(formId, id);
            experiment.runningFormId = null;
            experiment.endedAt = Instant.now();
            experiment.endedBy = actor;
        });
        refresh();
        LOG.infof("Experiment %d on form %s ended without a winner", id, formId);
    }

    /**
     * Publishes the chosen variant as the form's next version (nothing, when it is the text already published) and
     * ends the experiment; returns the version published, or empty.
     *
     * @throws Refused 409 when the experiment no longer runs or the form is managed in a file
     */
    public Optional<Integer> promote(String formId, long id, String key, String actor) {
        Optional<Integer> published = QuarkusTransaction.requiringNew().call(() -> {
            Experiment experiment = runningExperiment(formId, id);
            ExperimentVariant winner = ExperimentVariant.of(experiment.id).stream()
                    .filter(v -> v.key.equals(key))
                    .findFirst()
                    .orElseThrow(() -> new Refused(422, "The experiment has no variant '" + key + "'."));
            // The store's latest version, not this instance's copy, which may lag another instance's publish.
            String current = store.latest(Kind.FORM, formId)
                    .or(() -> registry.find(formId)
                            .filter(ValidForm.class::isInstance)
                            .map(f -> ((ValidForm) f).source()))
                    .orElse(null);
            Optional<Integer> number = Optional.empty();
            if (!winner.content.equals(current)) {
                try {
                    number = Optional.of(studio.promote(
                            formId,
                            winner.content,
                            actor,
                            "from experiment " + experiment.id + " variant " + winner.key));
                } catch (FormStore.Refusal refusal) {
                    throw new Refused(refusal.status == 404 ? 409 : refusal.status, refusal.getMessage());
                } catch (FormStudio.Invalid invalid) {
                    throw new Refused(
                            422,
                            "Variant " + key + " no longer passes the form checks: " + invalid.problems.getFirst());
                }
            }
            experiment.runningFormId = null;
            experiment.endedAt = Instant.now();
            experiment.endedBy = actor;
            experiment.winner = winner.key;
            experiment.promotedVersion = number.orElse(null);
            return number;
        });
        refresh();
        LOG.infof("Experiment %d on form %s promoted variant %s", id, formId, key);
        return published;
    }

    /** Every experiment of the form, newest first. */
    public List<ExperimentSummary> ofForm(String formId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Experiment.ofForm(formId).stream()
                        .map(Experiments::summary)
                        .toList());
    }

    /** One experiment of the form, with its variants. */
    public Optional<ExperimentSummary> find(String formId, long id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Experiment.<Experiment>findByIdOptional(id)
                        .filter(e -> e.formId.equals(formId))
                        .map(Experiments::summary));
    }

    private static ExperimentSummary summary(Experiment e) {
        return new ExperimentSummary(
                e.id,
                e.formId,
                e.name,
                e.startedBy,
                e.startedAt,
                e.endedBy,
                e.endedAt,
                e.winner,
                e.promotedVersion,
                ExperimentVariant.of(e.id).stream()
                        .map(v -> new ExperimentSummary.Variant(v.key, v.origin, v.share))
                        .toList());
    }

    private static Experiment runningExperiment(String formId, long id) {
        Experiment experiment = Experiment.locked(id)
                .filter(e -> e.formId.equals(formId))
                .orElseThrow(() -> new Refused(404, "The form '" + formId + "' has no experiment " + id + "."));
        if (!experiment.running()) {
            throw new Refused(409, "The experiment ended on " + experiment.endedAt + "; nothing changed.");
        }
        return experiment;
    }

    private static String origin(String source) {
        String asked = source == null || source.isBlank() ? "published" : source.strip();
        if (asked.equals("published") || asked.equals("draft")) {
            return asked;
        }
        if (asked.matches("\\d{1,9}")) {
            return "version " + Integer.parseInt(asked);
        }
        throw new Refused(
                422,
                "A variant is 'published', 'draft' or a version number, not '"
                        + (asked.length() > 40 ? asked.substring(0, 40) + "…" : asked) + "'.");
    }

    private String text(String formId, ValidForm published, String origin, String key) {
        Optional<String> text;
        if (origin.equals("published")) {
            text = Optional.of(published.source());
        } else if (origin.equals("draft")) {
            text = store.draft(Kind.FORM, formId).map(FormStore.Draft::content);
            if (text.isEmpty()) {
                throw new Refused(422, "Variant " + key + ": '" + formId + "' has no draft; save one in the studio.");
            }
        } else {
            int number = Integer.parseInt(origin.substring("version ".length()));
            text = store.version(Kind.FORM, formId, number);
            if (text.isEmpty()) {
                throw new Refused(422, "Variant " + key + ": '" + formId + "' has no version " + number + ".");
            }
        }
        LoadedForm loaded = registry.loadDraft(formId, text.get().getBytes(StandardCharsets.UTF_8));
        if (loaded instanceof BrokenForm broken) {
            throw new Refused(
                    422,
                    "Variant " + key + " (" + origin + ") has "
                            + broken.problems().size()
                            + " problem(s); fix them in the studio first. The first: "
                            + broken.problems().getFirst());
        }
        sameDelivery(published.definition(), ((ValidForm) loaded).definition(), key, origin);
        return text.get();
    }

    /**
     * Variants may differ in questions, texts, scoring and thank-you pages, not in where leads go or how they are kept:
     * an old version must not send leads to retired endpoints, skip email confirmation or refuse the landing page.
     */
    private static void sameDelivery(FormDefinition published, FormDefinition variant, String key, String origin) {
        Map<String, Boolean> same = new LinkedHashMap<>();
        same.put("routing", Objects.equals(published.routing(), variant.routing()));
        same.put("nurture", Objects.equals(published.nurture(), variant.nurture()));
        same.put("embed", Objects.equals(published.embed(), variant.embed()));
        same.put("retention", Objects.equals(published.retention(), variant.retention()));
        same.put("verify-email", Objects.equals(published.verifyEmail(), variant.verifyEmail()));
        same.put("api", Objects.equals(published.api(), variant.api()));
        List<String> differing = same.entrySet().stream()
                .filter(e -> !e.getValue())
                .map(Map.Entry::getKey)
                .toList();
        if (!differing.isEmpty()) {
            throw new Refused(
                    422,
                    "Variant " + key + " (" + origin + ") differs from the published form in "
                            + String.join(", ", differing)
                            + "; an experiment compares questions, texts and scoring, so copy those settings from the"
                            + " published form into it.");
        }
    }

    private Running compile(Experiment experiment) {
        List<Arm> arms = new ArrayList<>();
        for (ExperimentVariant variant : ExperimentVariant.of(experiment.id)) {
            LoadedForm loaded =
                    registry.loadVariant(experiment.formId, variant.content.getBytes(StandardCharsets.UTF_8));
            if (loaded instanceof ValidForm form) {
                arms.add(new Arm(experiment.id, variant.key, variant.share, form));
            } else {
                // A check added after the experiment started refuses this text: its share goes to the others.
                LOG.errorf("Variant %s of experiment %d no longer loads; it is not served", variant.key, experiment.id);
            }
        }
        int shares = arms.stream().mapToInt(Arm::share).sum();
        if (shares != 100 && !arms.isEmpty()) {
            List<Arm> rescaled = new ArrayList<>();
            int left = 100;
            for (int i = 0; i < arms.size(); i++) {
                Arm arm = arms.get(i);
                int share = i == arms.size() - 1 ? left : Math.max(1, arm.share() * 100 / shares);
                left -= share;
                rescaled.add(new Arm(arm.experimentId(), arm.key(), share, arm.form()));
            }
            arms = rescaled;
        }
        return new Running(experiment.id, experiment.formId, experiment.name, experiment.startedAt, List.copyOf(arms));
    }
}
