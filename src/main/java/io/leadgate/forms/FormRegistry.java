package io.leadgate.forms;

import io.leadgate.common.Digests;
import io.leadgate.common.LeadgateConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The forms being served: loaded at start-up and again whenever a file in the forms folder changes, so that a
 * broken file is reported while every valid form keeps serving.
 */
@ApplicationScoped
public class FormRegistry {

    private static final Logger LOG = Logger.getLogger(FormRegistry.class);

    private final FormsConfig config;
    private final LeadgateConfig leadgate;
    private final FormVersionArchive archive;
    private final FormLoader loader;
    private final FormStore store;
    /** Nurture sequences live beside the forms, in this subfolder. */
    public static final String SEQUENCES = "sequences";

    private final SequenceLoader sequenceLoader = new SequenceLoader();
    private volatile Map<String, LoadedForm> forms = Map.of();
    private volatile Map<String, LoadedSequence> sequences = Map.of();
    private volatile String fingerprint = "";
    private volatile String folderProblem;
    private volatile String storeMark = "";
    private volatile boolean storeFailing;
    private volatile boolean loaded;
    /** What the store served last time, kept while it cannot be read. */
    private Map<String, LoadedForm> storedForms = Map.of();

    private Map<String, LoadedSequence> storedSequences = Map.of();
    /** Loaded store documents by kind, name and content, so that an unchanged version is not compiled again. */
    private final Map<String, Object> compiled = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.Set<String> inUse = new java.util.HashSet<>();

    FormRegistry(
            FormsConfig config,
            LeadgateConfig leadgate,
            FormVersionArchive archive,
            FormStore store,
            MeterRegistry meters) {
        this.config = config;
        this.leadgate = leadgate;
        this.archive = archive;
        this.store = store;
        this.loader = new FormLoader(
                config.secretReferences(), config.allowInsecureUrls(), id -> Optional.ofNullable(sequences.get(id)));
        Gauge.builder("leadgate.forms", this, r -> r.valid().size())
                .tag("state", "valid")
                .description("Forms loaded and serving")
                .register(meters);
        Gauge.builder("leadgate.forms", this, r -> r.broken().size())
                .tag("state", "broken")
                .description("Form files with errors")
                .register(meters);
    }

    void onStart(@Observes StartupEvent event) {
        reload();
        List<String> urls =
                valid().stream().map(f -> leadgate.baseUrl() + "/f/" + f.id()).toList();
        LOG.infof(
                "Leadgate serves %d form(s) from %s: %s",
                urls.size(), config.dir().toAbsolutePath(), String.join("  ", urls));
    }

    @Scheduled(every = "${leadgate.forms.reload-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reloadIfChanged() {
        if (!fingerprint.equals(fingerprint()) || !storeMark.equals(currentStoreMark())) {
            reload();
        }
        archive.recordPending(valid());
    }

    /** Whether the forms were read at least once; before that an unknown form id proves nothing. */
    public boolean loaded() {
        return loaded;
    }

    /** Reads every form file again and swaps the served set at once. */
    public synchronized void reload() {
        reloadNow();
        // Forms published from the studio live in the database; until it was read, a missing form proves nothing.
        if (!storeFailing) {
            loaded = true;
        }
    }

    private void reloadNow() {
        String before = fingerprint;
        fingerprint = fingerprint();
        storeMark = currentStoreMark();
        inUse.clear();
        Map<String, LoadedSequence> previousSequences = sequences;
        Map<String, LoadedSequence> sequenceFiles = loadSequences();
        sequences = Map.copyOf(withStored(
                FormDocument.Kind.SEQUENCE,
                sequenceFiles,
                previousSequences,
                sequenceLoader::load,
                (name, file, problem) -> new BrokenSequence(name, file, List.of(problem))));
        reportSequences(previousSequences, before.isEmpty());
        Map<String, LoadedForm> loaded = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(config.dir())) {
            files = listing.filter(FormLoader::isFormFile).sorted().toList();
            folderProblem = null;
        } catch (IOException e) {
            folderProblem = "cannot read the forms folder " + config.dir().toAbsolutePath() + ": " + e;
            LOG.error(folderProblem
                    + ". Set leadgate.forms.dir (LEADGATE_FORMS_DIR) to the folder holding the form files.");
            files = List.of();
        }
        for (Path file : files) {
            // Shown relative to the forms folder: where the server keeps it is nobody's business on a page.
            LoadedForm form = loader.load(file, file.getFileName().toString());
            LoadedForm clash = loaded.putIfAbsent(form.id(), form);
            if (clash != null) {
                loaded.put(
                        form.id(),
                        new BrokenForm(
                                form.id(),
                                form.file(),
                                List.of(new FormProblem(
                                        form.file(),
                                        1,
                                        1,
                                        "two files define the form '" + form.id() + "': " + clash.file() + " and "
                                                + form.file(),
                                        "keep one of them."))));
            }
        }
        Map<String, LoadedForm> previous = forms;
        Map<String, LoadedForm> served = withStored(
                FormDocument.Kind.FORM,
                loaded,
                previous,
                loader::load,
                (name, file, problem) -> new BrokenForm(name, file, List.of(problem)));
        if (!storeFailing) {
            compiled.keySet().retainAll(inUse);
        }
        forms = Map.copyOf(served);
        report(previous, before.isEmpty());
        archive.recordPending(valid());
    }

    /** Loads a document's text as if it were the file shown as {@code file}. */
    @FunctionalInterface
    private interface Loading<T> {
        T load(String name, String file, byte[] content);
    }

    @FunctionalInterface
    private interface Refusing<T> {
        T broken(String name, String file, FormProblem problem);
    }

    /**
     * The documents of the forms folder, each valid one recorded in the store as its next version, plus every
     * document the studio manages, served from the store. A file may not take over a document the studio manages, and
     * a file that disappeared leaves its document in the store, marked retired. While the store cannot be read, what
     * it served before keeps serving.
     */
    @SuppressWarnings("unchecked")
    private <T> Map<String, T> withStored(
            FormDocument.Kind kind,
            Map<String, T> files,
            Map<String, T> previous,
            Loading<T> fromStore,
            Refusing<T> refusing) {
        Map<String, T> served = new TreeMap<>(files);
        Map<String, T> stored = new TreeMap<>();
        try {
            for (Map.Entry<String, T> file : files.entrySet()) {
                String shownAs = shownAs(file.getValue());
                if (!isValid(file.getValue())) {
                    continue;
                }
                // Files are shown relative to the forms folder.
                String text = Files.readString(config.dir().resolve(shownAs));
                if (store.importFile(kind, file.getKey(), shownAs, text) == FormStore.Import.STUDIO_MANAGED) {
                    served.put(
                            file.getKey(),
                            refusing.broken(
                                    file.getKey(),
                                    shownAs,
                                    new FormProblem(
                                            shownAs,
                                            1,
                                            1,
                                            "the studio already manages a " + kind.key() + " called '" + file.getKey()
                                                    + "'",
                                            "rename this file, or delete it and keep editing in the studio.")));
                }
            }
            for (Map.Entry<String, T> gone : previous.entrySet()) {
                if (!files.containsKey(gone.getKey()) && !isStudio(gone.getValue())) {
                    store.retire(kind, gone.getKey());
                }
            }
            for (FormStore.Published document : store.published(kind)) {
                if (document.managedInFile() != null || files.containsKey(document.name())) {
                    continue;
                }
                String shownAs = STUDIO + "/" + document.name() + ".yaml";
                String key = kind.key() + "/" + document.name() + "/" + document.number() + "/"
                        + Digests.sha256Hex(document.content());
                inUse.add(key);
                stored.put(document.name(), (T) compiled.computeIfAbsent(
                        key,
                        k -> fromStore.load(
                                document.name(), shownAs, document.content().getBytes(StandardCharsets.UTF_8))));
            }
            if (storeFailing) {
                storeFailing = false;
                LOG.infof("The form store is readable again");
            }
        } catch (IOException | RuntimeException e) {
            if (!storeFailing) {
                storeFailing = true;
                LOG.warnf(
                        "Cannot read or write the form store (%s); forms from files serve, studio forms serve as before",
                        e.getClass().getSimpleName());
            }
            stored = new TreeMap<>((Map<String, T>) (kind == FormDocument.Kind.FORM ? storedForms : storedSequences));
        }
        if (kind == FormDocument.Kind.FORM) {
            storedForms = (Map<String, LoadedForm>) Map.copyOf(stored);
        } else {
            storedSequences = (Map<String, LoadedSequence>) Map.copyOf(stored);
        }
        stored.forEach(served::putIfAbsent);
        return served;
    }

    /** How the store's documents are shown in problems and on the forms page. */
    public static final String STUDIO = "studio";

    private static boolean isValid(Object loaded) {
        return loaded instanceof ValidForm || loaded instanceof ValidSequence;
    }

    private static boolean isStudio(Object loaded) {
        return shownAs(loaded).startsWith(STUDIO + "/");
    }

    private static String shownAs(Object loaded) {
        return loaded instanceof LoadedForm form ? form.file() : ((LoadedSequence) loaded).file();
    }

    private String currentStoreMark() {
        try {
            return store.changeMark();
        } catch (RuntimeException e) {
            return storeMark;
        }
    }

    private Map<String, LoadedSequence> loadSequences() {
        Path folder = config.dir().resolve(SEQUENCES);
        Map<String, LoadedSequence> loaded = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return Map.of();
        }
        try (Stream<Path> listing = Files.list(folder)) {
            for (Path file : listing.filter(FormLoader::isFormFile).sorted().toList()) {
                LoadedSequence sequence = sequenceLoader.load(file, SEQUENCES + "/" + file.getFileName());
                LoadedSequence clash = loaded.putIfAbsent(sequence.id(), sequence);
                if (clash != null) {
                    loaded.put(
                            sequence.id(),
                            new BrokenSequence(
                                    sequence.id(),
                                    sequence.file(),
                                    List.of(new FormProblem(
                                            sequence.file(),
                                            1,
                                            1,
                                            "two files define the sequence '" + sequence.id() + "': " + clash.file()
                                                    + " and " + sequence.file(),
                                            "keep one of them."))));
                }
            }
        } catch (IOException e) {
            LOG.errorf("Cannot read the sequences folder %s: %s", folder.toAbsolutePath(), e);
        }
        return Map.copyOf(loaded);
    }

    private void reportSequences(Map<String, LoadedSequence> previous, boolean firstLoad) {
        for (LoadedSequence sequence : sequences.values()) {
            LoadedSequence old = previous.get(sequence.id());
            if (sequence instanceof BrokenSequence broken && !broken.equals(old)) {
                LOG.errorf(
                        "Sequence %s sends nothing until it is fixed: %d problem(s)%n  %s",
                        broken.id(),
                        broken.problems().size(),
                        String.join(
                                "\n  ",
                                broken.problems().stream()
                                        .map(FormProblem::toString)
                                        .toList()));
            } else if (sequence instanceof ValidSequence valid
                    && !firstLoad
                    && !(old instanceof ValidSequence same && same.contentHash().equals(valid.contentHash()))) {
                LOG.infof("Sequence %s %s", valid.id(), old == null ? "added" : "reloaded");
            }
        }
    }

    private void report(Map<String, LoadedForm> previous, boolean firstLoad) {
        for (LoadedForm form : forms.values()) {
            LoadedForm old = previous.get(form.id());
            if (form instanceof BrokenForm broken && !broken.equals(old)) {
                LOG.errorf(
                        "Form %s is not served: %d problem(s)%n  %s",
                        broken.id(),
                        broken.problems().size(),
                        String.join(
                                "\n  ",
                                broken.problems().stream()
                                        .map(FormProblem::toString)
                                        .toList()));
            } else if (form instanceof ValidForm valid
                    && !firstLoad
                    && !(old instanceof ValidForm same && same.contentHash().equals(valid.contentHash()))) {
                LOG.infof("Form %s %s, version %s", valid.id(), old == null ? "added" : "reloaded", valid.version());
            }
        }
        if (!firstLoad) {
            previous.keySet().stream()
                    .filter(id -> !forms.containsKey(id))
                    .forEach(id -> LOG.infof("Form %s removed", id));
        }
    }

    /** A cheap summary of the folders (names, sizes, times) that changes whenever a form or sequence file does. */
    private String fingerprint() {
        return fingerprint(config.dir()) + "|"
                + (Files.isDirectory(config.dir().resolve(SEQUENCES))
                        ? fingerprint(config.dir().resolve(SEQUENCES))
                        : "");
    }

    private static String fingerprint(Path folder) {
        try (Stream<Path> listing = Files.list(folder)) {
            StringBuilder summary = new StringBuilder();
            for (Path file : listing.filter(FormLoader::isFormFile).sorted().toList()) {
                summary.append(file.getFileName())
                        .append(':')
                        .append(Files.size(file))
                        .append(':')
                        .append(Files.getLastModifiedTime(file).toMillis())
                        .append(';');
            }
            return summary.toString();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    public Optional<LoadedForm> find(String id) {
        return Optional.ofNullable(forms.get(id));
    }

    public Collection<LoadedForm> all() {
        return forms.values();
    }

    public List<ValidForm> valid() {
        List<ValidForm> valid = new ArrayList<>();
        forms.values().forEach(f -> {
            if (f instanceof ValidForm v) {
                valid.add(v);
            }
        });
        return valid;
    }

    public List<BrokenForm> broken() {
        List<BrokenForm> broken = new ArrayList<>();
        forms.values().forEach(f -> {
            if (f instanceof BrokenForm b) {
                broken.add(b);
            }
        });
        return broken;
    }

    /** The nurture sequence with this id, valid or broken. */
    public Optional<LoadedSequence> sequence(String id) {
        return Optional.ofNullable(sequences.get(id));
    }

    public Collection<LoadedSequence> sequences() {
        return sequences.values();
    }

    /**
     * What the loader, schema and validator find in a document meant for the store (empty when it could be published),
     * each problem placed at its line and column as if the document were {@code studio/<name>.yaml}.
     */
    public List<FormProblem> check(FormDocument.Kind kind, String name, byte[] content) {
        String shownAs = STUDIO + "/" + name + ".yaml";
        return switch (kind) {
            case FORM ->
                loader.load(name, shownAs, content) instanceof BrokenForm broken ? broken.problems() : List.of();
            case SEQUENCE ->
                sequenceLoader.load(name, shownAs, content) instanceof BrokenSequence broken
                        ? broken.problems()
                        : List.of();
        };
    }

    /** A studio draft loaded as the form it would become, for previews; it is not served. */
    public LoadedForm loadDraft(String name, byte[] content) {
        return loader.load(name, STUDIO + "/" + name + ".yaml", content);
    }

    /**
     * A fixed text of a form served beside its published version, such as an experiment's variant; a valid one is
     * archived like every served version, so that its submissions can always show what the prospect answered.
     */
    public LoadedForm loadVariant(String name, byte[] content) {
        LoadedForm loaded = loadDraft(name, content);
        if (loaded instanceof ValidForm valid) {
            archive.recordPending(List.of(valid));
        }
        return loaded;
    }

    /** Why the folder itself could not be read, if it could not. */
    public Optional<String> folderProblem() {
        return Optional.ofNullable(folderProblem);
    }
}
