package io.leadgate.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Serves the demo forms plus the test-only forms of src/test/resources/test-forms, and lets a host page on
 * {@link #hostOrigin()} (a second origin on loopback) embed demo-saas. Mail goes over real SMTP to GreenMail and
 * webhooks to the loopback {@link Receiver}, both on {@link TestPorts}.
 */
public class WithTestForms implements QuarkusTestProfile {

    static final Path DIR = Path.of("target", "test-forms").toAbsolutePath();
    private static final String HOST_PORT = "test.embed-host-port";

    /** The origin of the test host page; a system property, because Quarkus loads this class twice. */
    public static synchronized String hostOrigin() {
        if (System.getProperty(HOST_PORT) == null) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                System.setProperty(HOST_PORT, String.valueOf(socket.getLocalPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "http://127.0.0.1:" + System.getProperty(HOST_PORT);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.createDirectories(DIR.resolve("sequences"));
            for (Path source :
                    new Path[] {Path.of("forms/sequences"), Path.of("src/test/resources/test-forms/sequences")}) {
                try (Stream<Path> files = Files.list(source)) {
                    for (Path file :
                            files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                        Files.copy(
                                file,
                                DIR.resolve("sequences").resolve(file.getFileName()),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            for (Path source : new Path[] {Path.of("forms"), Path.of("src/test/resources/test-forms")}) {
                try (Stream<Path> files = Files.list(source)) {
                    for (Path file :
                            files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                        Files.copy(file, DIR.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                        if (file.getFileName().toString().equals("demo-saas.yaml")) {
                            Path copy = DIR.resolve(file.getFileName());
                            Files.writeString(
                                    copy,
                                    Files.readString(copy)
                                            .replace(
                                                    "\"http://localhost:8081\"]",
                                                    "\"http://localhost:8081\", \"" + hostOrigin() + "\"]"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "leadgate.forms.dir",
                DIR.toString(),
                "LEADGATE_SECRET_TEST_RECEIVER",
                "http://127.0.0.1:" + TestPorts.receiver(),
                "LEADGATE_SECRET_TEST_WEBHOOK",
                TestPorts.WEBHOOK_SECRET,
                "quarkus.mailer.mock",
                "false",
                "quarkus.mailer.host",
                "127.0.0.1",
                "quarkus.mailer.port",
                String.valueOf(TestPorts.smtp()),
                "quarkus.mailer.start-tls",
                "DISABLED");
    }
}
