package io.leadgate.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/** Serves the demo forms plus the test-only forms of src/test/resources/test-forms. */
public class WithTestForms implements QuarkusTestProfile {

    static final Path DIR = Path.of("target", "test-forms").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.createDirectories(DIR);
            for (Path source : new Path[] {Path.of("forms"), Path.of("src/test/resources/test-forms")}) {
                try (Stream<Path> files = Files.list(source)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                        Files.copy(file, DIR.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("leadgate.forms.dir", DIR.toString());
    }
}
