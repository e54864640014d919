package io.leadgate.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every questionnaire in forms/ passes the published JSON Schema and every check of the loader. */
class FormFilesTest {

    static final Path FORMS = Path.of("forms");
    static final Path PUBLISHED_SCHEMA = Path.of("src/main/resources", FormSchema.RESOURCE);

    /** The demo forms reference these secrets; production sets them in the environment. */
    static final Map<String, String> DEMO_ENVIRONMENT = Map.of(
            "LEADGATE_SECRET_SALES_WEBHOOK", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "LEADGATE_SECRET_AGENCY_SLACK_URL", "https://hooks.slack.example/services/T000/B000/XXXX");

    static List<Path> formFiles() throws IOException {
        try (Stream<Path> files = Files.list(FORMS)) {
            return files.filter(FormLoader::isFormFile).sorted().toList();
        }
    }

    @Test
    void theDemoFormsAreThere() throws IOException {
        List<String> ids = formFiles().stream().map(FormLoader::idOf).toList();
        assertTrue(ids.containsAll(List.of("demo-saas", "agency-brief")), "demo forms in forms/: " + ids);
    }

    @TestFactory
    Stream<DynamicTest> everyFormFilePassesThePublishedSchema() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(new ObjectMapper().readTree(PUBLISHED_SCHEMA.toFile()));
        YAMLMapper yaml = YAMLMapper.builder().build();
        return formFiles().stream()
                .map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
                    JsonNode document = yaml.readTree(file.toFile());
                    Set<ValidationMessage> errors = schema.validate(document);
                    assertEquals(Set.of(), errors, file + " against " + PUBLISHED_SCHEMA);
                }));
    }

    static List<Path> sequenceFiles() throws IOException {
        try (Stream<Path> files = Files.list(FORMS.resolve(FormRegistry.SEQUENCES))) {
            return files.filter(FormLoader::isFormFile).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everySequenceFileLoadsWithoutProblems() throws IOException {
        SequenceLoader loader = new SequenceLoader();
        return sequenceFiles().stream()
                .map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
                    LoadedSequence sequence = loader.load(file, file.toString());
                    if (sequence instanceof BrokenSequence broken) {
                        throw new AssertionError(String.join(
                                "\n",
                                broken.problems().stream()
                                        .map(FormProblem::toString)
                                        .toList()));
                    }
                    assertInstanceOf(ValidSequence.class, sequence);
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyFormFileLoadsWithoutProblems() throws IOException {
        SequenceLoader sequences = new SequenceLoader();
        Map<String, LoadedSequence> loaded = new java.util.HashMap<>();
        for (Path file : sequenceFiles()) {
            loaded.put(FormLoader.idOf(file), sequences.load(file, file.toString()));
        }
        FormLoader loader =
                new FormLoader(SecretReferences.of(DEMO_ENVIRONMENT), false, id -> Optional.ofNullable(loaded.get(id)));
        return formFiles().stream()
                .map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
                    LoadedForm form = loader.load(file, file.toString());
                    if (form instanceof BrokenForm broken) {
                        throw new AssertionError(String.join(
                                "\n",
                                broken.problems().stream()
                                        .map(FormProblem::toString)
                                        .toList()));
                    }
                    ValidForm valid = assertInstanceOf(ValidForm.class, form);
                    assertFalse(valid.version().isBlank());
                    assertEquals(64, valid.contentHash().length());
                }));
    }

    @Test
    void theSchemaRejectsWhatItShould() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(new ObjectMapper().readTree(PUBLISHED_SCHEMA.toFile()));
        JsonNode unknownType = YAMLMapper.builder().build().readTree("""
                id: x
                title: X
                dimensions: {need: {max: 10}}
                steps: [{id: s, questions: [{id: q, type: essay, label: Q}]}]
                outcomes: {qualified: {min: 50}, nurture: {min: 20}}
                """);
        assertFalse(schema.validate(unknownType).isEmpty());
    }
}
