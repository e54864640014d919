package io.leadgate.forms;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.leadgate.common.Digests;
import io.leadgate.forms.definition.FormDefinition;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns one form file into a {@link LoadedForm}: YAML with positions, the JSON Schema, secret references,
 * binding to records, then the semantic checks; every problem is reported with its line and column.
 */
public final class FormLoader {

    private static final int VERSION_HASH_LENGTH = 12;

    private final FormSchema schema = new FormSchema();
    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .findAndAddModules()
            .build();
    private final SecretReferences secrets;
    private final boolean allowInsecureUrls;
    private final Function<String, Optional<LoadedSequence>> sequences;

    /**
     * @param secrets           the {@code ${NAME}} references a form may make, and their values
     * @param allowInsecureUrls accept plain http webhook and embed URLs (development only)
     */
    public FormLoader(SecretReferences secrets, boolean allowInsecureUrls) {
        this(secrets, allowInsecureUrls, null);
    }

    /** A loader that also checks the nurture sequences a form names, through {@code sequences}. */
    public FormLoader(
            SecretReferences secrets, boolean allowInsecureUrls, Function<String, Optional<LoadedSequence>> sequences) {
        this.secrets = secrets;
        this.allowInsecureUrls = allowInsecureUrls;
        this.sequences = sequences;
    }

    /** The form id a file stands for: its name without the .yaml or .yml ending. */
    public static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    public static boolean isFormFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    public LoadedForm load(Path file, String shownAs) {
        String id = idOf(file);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            return broken(
                    id,
                    shownAs,
                    new FormProblem(
                            shownAs,
                            1,
                            1,
                            "cannot read the file: " + e.getMessage(),
                            "check that the file exists and is readable."));
        }
        return load(id, shownAs, content);
    }

    /** Loads a form from its content, as if read from a file shown as {@code shownAs}. */
    public LoadedForm load(String id, String shownAs, byte[] content) {
        String source;
        try {
            source = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            return broken(
                    id, shownAs, new FormProblem(shownAs, 1, 1, "the file is not valid UTF-8", "save it as UTF-8."));
        }
        PositionedYaml yaml;
        try {
            yaml = PositionedYaml.parse(content);
        } catch (PositionedYaml.SyntaxError e) {
            return broken(
                    id,
                    shownAs,
                    new FormProblem(
                            shownAs,
                            e.position.line(),
                            e.position.column(),
                            e.getMessage(),
                            "check the indentation and quoting around this place (use spaces, not tabs)."));
        }
        List<Finding> findings = schema.check(yaml.root);
        if (findings.isEmpty()) {
            secrets.resolve(yaml.root, "", findings);
        }
        if (!findings.isEmpty()) {
            return broken(id, shownAs, place(findings, yaml, shownAs));
        }
        FormDefinition definition;
        try {
            definition = mapper.treeToValue(yaml.root, FormDefinition.class);
        } catch (IOException e) {
            String pointer = e instanceof JsonMappingException mapping ? pointerOf(mapping) : "";
            return broken(
                    id,
                    shownAs,
                    place(
                            List.of(Finding.at(pointer, "cannot read this value: " + firstLine(e.getMessage()), null)),
                            yaml,
                            shownAs));
        }
        findings.addAll(FormValidator.check(definition, id, allowInsecureUrls));
        if (sequences != null) {
            findings.addAll(checkSequences(definition));
        }
        if (!findings.isEmpty()) {
            return broken(id, shownAs, place(findings, yaml, shownAs));
        }
        String hash = Digests.sha256Hex(content);
        String version = definition.version() != null ? definition.version() : hash.substring(0, VERSION_HASH_LENGTH);
        return new ValidForm(id, shownAs, definition, version, hash, source);
    }

    /** Every sequence the form names exists, and uses only answers this form asks for. */
    private List<Finding> checkSequences(FormDefinition definition) {
        Map<String, String> named = new LinkedHashMap<>();
        if (definition.nurture().sequence() != null) {
            named.put("/nurture/sequence", definition.nurture().sequence());
        }
        for (int i = 0; i < definition.nurture().bands().size(); i++) {
            named.put(
                    "/nurture/bands/" + i + "/sequence",
                    definition.nurture().bands().get(i).sequence());
        }
        definition.knockouts().forEach((code, knockout) -> {
            if (knockout.sequence() != null) {
                named.put("/knockouts/" + code + "/sequence", knockout.sequence());
            }
        });
        List<Finding> findings = new ArrayList<>();
        named.forEach((pointer, sequenceId) -> {
            Optional<LoadedSequence> sequence = sequences.apply(sequenceId);
            if (sequence.isEmpty()) {
                findings.add(Finding.at(
                        pointer,
                        "there is no nurture sequence '" + sequenceId + "'",
                        "add sequences/" + sequenceId + ".yaml beside the forms, or name an existing sequence."));
            } else if (sequence.get() instanceof ValidSequence valid) {
                valid.answersUsed().stream()
                        .filter(question -> definition.question(question).isEmpty())
                        .sorted()
                        .forEach(question -> findings.add(Finding.at(
                                pointer,
                                "the sequence '" + sequenceId + "' shows answers." + question
                                        + ", which this form does not ask",
                                "use a question id of this form in the sequence, or another sequence.")));
            }
        });
        return findings;
    }

    static List<FormProblem> place(List<Finding> findings, PositionedYaml yaml, String shownAs) {
        List<FormProblem> problems = new ArrayList<>();
        for (Finding finding : findings) {
            PositionedYaml.Position position =
                    finding.atKey() ? yaml.keyAt(finding.pointer()) : yaml.valueAt(finding.pointer());
            problems.add(
                    new FormProblem(shownAs, position.line(), position.column(), finding.message(), finding.fix()));
        }
        problems.sort((a, b) ->
                a.line() != b.line() ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
        return problems;
    }

    static String pointerOf(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            pointer.append('/')
                    .append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
        }
        return pointer.toString();
    }

    private static BrokenForm broken(String id, String file, FormProblem problem) {
        return new BrokenForm(id, file, List.of(problem));
    }

    private static BrokenForm broken(String id, String file, List<FormProblem> problems) {
        return new BrokenForm(id, file, problems);
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
