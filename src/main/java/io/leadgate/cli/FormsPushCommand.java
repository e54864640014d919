package io.leadgate.cli;

import io.leadgate.forms.FormDocument.Kind;
import io.leadgate.forms.FormLoader;
import io.leadgate.forms.FormProblem;
import io.leadgate.forms.FormStore;
import io.leadgate.forms.FormStudio;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code forms push <dir> [--draft-only]}: saves every form in a folder (and its {@code sequences/}) as the draft of a
 * studio-managed document in the store and publishes them: the sequences first, all or none, then the forms, all or
 * none (forms are checked against the published sequences), so a pipeline pushes a reviewed folder in one step.
 */
@ApplicationScoped
public class FormsPushCommand {

    static final String USAGE = "Usage: forms push <folder> [--draft-only]";

    /** A file to push, and what it becomes. */
    private record Document(Kind kind, String name, Path file) {}

    private final FormStudio studio;

    FormsPushCommand(FormStudio studio) {
        this.studio = studio;
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 3 || !"push".equals(args[1])) {
            err.println(USAGE);
            return 2;
        }
        Path folder = Path.of(args[2]);
        boolean publish = !(args.length > 3 && "--draft-only".equals(args[3]));
        List<Document> documents = new ArrayList<>();
        try {
            documents.addAll(list(folder.resolve("sequences"), Kind.SEQUENCE).stream()
                    .map(f -> new Document(Kind.SEQUENCE, FormLoader.idOf(f), f))
                    .toList());
            documents.addAll(list(folder, Kind.FORM).stream()
                    .map(f -> new Document(Kind.FORM, FormLoader.idOf(f), f))
                    .toList());
        } catch (IOException e) {
            err.println("Cannot read " + folder + ": " + e.getMessage());
            return 2;
        }
        String actor = "forms push (" + System.getProperty("user.name", "pipeline") + ")";
        // Forms are checked against published sequences, so the sequences go first, all or none, then the forms.
        for (Kind kind : List.of(Kind.SEQUENCE, Kind.FORM)) {
            List<Document> batch =
                    documents.stream().filter(d -> d.kind() == kind).toList();
            if (!saveAll(batch, actor, out, err) || !publish) {
                return publish ? 1 : 0;
            }
            for (Document document : batch) {
                try {
                    int version = studio.publish(document.kind(), document.name(), actor);
                    out.println("Published " + kind.key() + " " + document.name() + " as version " + version + ".");
                } catch (FormStore.Refusal | FormStudio.Invalid e) {
                    err.println(document.file() + ": not published: " + e.getMessage());
                    return 1;
                }
            }
        }
        return 0;
    }

    /** Saves each document as a draft and prints its problems; true when none has any. */
    private boolean saveAll(List<Document> batch, String actor, PrintStream out, PrintStream err) {
        int problems = 0;
        for (Document document : batch) {
            try {
                FormStudio.Saved saved = studio.saveDraft(
                        document.kind(), document.name(), Files.readAllBytes(document.file()), null, actor);
                for (FormProblem problem : saved.problems()) {
                    err.println(document.file() + ":" + problem.line() + ":" + problem.column() + ": "
                            + problem.message() + (problem.fix() == null ? "" : " Fix: " + problem.fix()));
                }
                problems += saved.problems().size();
                out.println("Saved the draft of " + document.kind().key() + " " + document.name() + ".");
            } catch (IOException | FormStore.Refusal e) {
                err.println(document.file() + ": " + e.getMessage());
                problems++;
            }
        }
        if (problems > 0) {
            err.println(problems + " problem(s); nothing more was published.");
        }
        return problems == 0;
    }

    private static List<Path> list(Path folder, Kind kind) throws IOException {
        if (!Files.isDirectory(folder)) {
            if (kind == Kind.SEQUENCE) {
                return List.of();
            }
            throw new IOException("not a folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(FormLoader::isFormFile).sorted().toList();
        }
    }
}
