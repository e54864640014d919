package io.leadgate.cli;

import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.forms.ValidSequence;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pipeline pushes a reviewed folder: sequences then forms, each group published whole or not at all. */
@QuarkusTest
@TestProfile(WithTestForms.class)
class FormsPushCommandTest {

    @Inject
    FormsPushCommand command;

    @Inject
    FormRegistry registry;

    private static final String SEQUENCE = """
            name: Pushed sequence
            steps:
              - id: hello
                delay: P1D
                subject: "Hello {lead.firstName}"
                html: '<p><a href="{links.requalify}">Tell us more</a></p>'
                text: "Tell us more: {links.requalify}"
            """;

    private static String form(String id, String sequence) {
        return """
                id: %s
                title: Pushed
                dimensions: {need: {max: 100}}
                steps:
                  - id: only
                    questions:
                      - id: need
                        type: single
                        label: Need?
                        options: [{value: big, label: Big, points: {need: 100}}, {value: small, label: Small, points: {need: 40}}]
                      - {id: email, type: email, label: Email, required: true}
                outcomes: {qualified: {min: 70}, nurture: {min: 30}}
                routing: {qualified: {email: [sales@pushed.example]}}
                nurture: {sequence: %s}
                """.formatted(id, sequence);
    }

    private int push(Path folder, ByteArrayOutputStream err) {
        return command.run(
                new String[] {"forms", "push", folder.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aFolderIsPublishedSequencesFirstOrNotAtAll() throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String id = "pushed-" + suffix;
        String sequence = "pushed-seq-" + suffix;
        Path folder = Files.createTempDirectory("push");
        Files.createDirectories(folder.resolve("sequences"));
        Files.writeString(folder.resolve("sequences").resolve(sequence + ".yaml"), SEQUENCE);
        Files.writeString(folder.resolve(id + ".yaml"), form(id, sequence).replace("type: single", "type: singel"));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, push(folder, err));
        assertTrue(
                err.toString(StandardCharsets.UTF_8).contains(id + ".yaml:8:15:"),
                err.toString(StandardCharsets.UTF_8));
        assertFalse(registry.find(id).isPresent(), "no form published");
        assertInstanceOf(
                ValidSequence.class,
                registry.sequence(sequence).orElseThrow(),
                "the sequences went first, being valid all together");

        Files.writeString(folder.resolve(id + ".yaml"), form(id, sequence));
        err.reset();
        assertEquals(0, push(folder, err), err.toString(StandardCharsets.UTF_8));
        assertInstanceOf(ValidForm.class, registry.find(id).orElseThrow());
        assertInstanceOf(ValidSequence.class, registry.sequence(sequence).orElseThrow());
    }
}
