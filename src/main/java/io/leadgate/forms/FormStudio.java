package io.leadgate.forms;

import io.leadgate.forms.FormDocument.Kind;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Editing forms and sequences in the store: drafts are saved whatever they hold, only a document the loader, schema and
 * validator accept is published, and this instance serves a new version at once (the others within a second or two).
 */
@ApplicationScoped
public class FormStudio {

    /** The largest document the store accepts; the demo forms are about 10 kB (HTTP requests stop at 256 KB). */
    public static final int MAX_BYTES = 1_048_576;

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[-_][a-z0-9]+)*");

    /** A saved draft: the revision the next save must name, and what stands between it and publishing. */
    public record Saved(int revision, List<FormProblem> problems) {}

    /** The document cannot be published as it is; the problems say where and how to fix it. */
    public static final class Invalid extends RuntimeException {
        public final transient List<FormProblem> problems;

        Invalid(List<FormProblem> problems) {
            super("the document has " + problems.size() + " problem(s)", null, false, false);
            this.problems = List.copyOf(problems);
        }
    }

    private final FormStore store;
    private final FormRegistry registry;

    FormStudio(FormStore store, FormRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    public Saved saveDraft(Kind kind, String name, byte[] content, Integer expectedRevision, String actor) {
        String text = text(name, content);
        FormStore.Draft draft = store.saveDraft(kind, name, text, expectedRevision, actor);
        return new Saved(draft.revision(), registry.check(kind, name, content));
    }

    /** Publishes the draft as the next version; returns its number. */
    public int publish(Kind kind, String name, String actor) {
        refuseName(name);
        FormStore.Draft draft = store.draft(kind, name)
                .orElseThrow(() -> new FormStore.Refusal(404, "There is no " + kind.key() + " called '" + name + "'."));
        if (draft.content() == null) {
            throw new FormStore.Refusal(409, "There is no draft to publish; save one first.");
        }
        return publishChecked(kind, name, draft.content(), actor, "published", null);
    }

    /** Publishes the text of an earlier version as the next one; returns its number. */
    public int restore(Kind kind, String name, int number, String actor) {
        refuseName(name);
        String text = store.version(kind, name, number)
                .orElseThrow(() -> new FormStore.Refusal(
                        404, "The " + kind.key() + " '" + name + "' has no version " + number + "."));
        return publishChecked(kind, name, text, actor, "restored", "from version " + number);
    }

    /** Publishes the text of an experiment's winning variant as the form's next version; returns its number. */
    public int promote(String name, String text, String actor, String detail) {
        refuseName(name);
        return publishChecked(Kind.FORM, name, text, actor, "promoted", detail);
    }

    private int publishChecked(Kind kind, String name, String text, String actor, String action, String detail) {
        List<FormProblem> problems = registry.check(kind, name, text.getBytes(StandardCharsets.UTF_8));
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        int number = store.publish(kind, name, text, actor, action, detail);
        registry.reload();
        return number;
    }

    private static String text(String name, byte[] content) {
        refuseName(name);
        if (content == null || content.length == 0) {
            throw new FormStore.Refusal(400, "The document is empty; send the YAML text as the request body.");
        }
        if (content.length > MAX_BYTES) {
            throw new FormStore.Refusal(
                    413, "The document is larger than 1 MB (" + content.length + " bytes); forms are far smaller.");
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new FormStore.Refusal(400, "The document is not valid UTF-8; save it as UTF-8.");
        }
        if (decoded.indexOf('\0') >= 0) {
            throw new FormStore.Refusal(400, "The document contains a NUL character; remove it.");
        }
        return decoded;
    }

    static void refuseName(String name) {
        if (name == null || name.length() > 100 || !NAME.matcher(name).matches()) {
            throw new FormStore.Refusal(
                    400, "A name is lower-case letters and digits, joined by - or _, at most 100 characters.");
        }
    }
}
