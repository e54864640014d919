package io.leadgate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the feature packages flowing one way: a package may use only the packages listed below it here. */
class ArchitectureTest {

    /**
     * Each feature and the features it may depend on. Delivery carries opaque, already rendered payloads, so it sits
     * low and never sees leads; leads hand it their messages inside their own transaction.
     */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("common", Set.of()),
            Map.entry("access", Set.of("common")),
            Map.entry("forms", Set.of("common")),
            Map.entry("scoring", Set.of("forms")),
            Map.entry("delivery", Set.of("common")),
            Map.entry("leads", Set.of("common", "forms", "scoring", "delivery")),
            Map.entry("nurture", Set.of("common", "forms", "scoring", "leads", "delivery")),
            Map.entry("reporting", Set.of("common", "forms", "scoring", "leads", "delivery", "nurture")),
            Map.entry("experiments", Set.of("common", "forms", "scoring", "leads", "delivery", "nurture", "reporting")),
            Map.entry(
                    "web",
                    Set.of("common", "forms", "scoring", "leads", "delivery", "nurture", "reporting", "experiments")),
            Map.entry(
                    "admin",
                    Set.of(
                            "common",
                            "access",
                            "forms",
                            "scoring",
                            "leads",
                            "delivery",
                            "nurture",
                            "reporting",
                            "experiments")),
            Map.entry(
                    "cli",
                    Set.of("common", "forms", "scoring", "leads", "delivery", "nurture", "reporting", "experiments")));

    /** Scoring is plain Java so it can be unit-tested exhaustively and replayed offline. */
    static final Set<String> FRAMEWORK_FREE = Set.of("scoring");

    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.leadgate\\.([a-z]+)\\b");
    private static final Pattern FRAMEWORK = Pattern.compile(
            "^import\\s+(static\\s+)?(io\\.quarkus|jakarta|org\\.hibernate|io\\.vertx)\\.", Pattern.MULTILINE);

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() throws IOException {
        Path root = Path.of("src/main/java/io/leadgate");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String feature = root.relativize(file).getName(0).toString();
                violations.addAll(violations(feature, root.relativize(file).toString(), Files.readString(file)));
            }
        }
        assertEquals(List.of(), violations, "imports that point up the feature map (see ArchitectureTest.MAY_USE)");
    }

    @Test
    void theCheckCatchesAnUpwardImportAndAFrameworkInScoring() {
        assertEquals(
                1,
                violations(
                                "forms",
                                "forms/X.java",
                                "package io.leadgate.forms;\nimport io.leadgate.web.FormPageResource;\n")
                        .size());
        assertEquals(
                1,
                violations(
                                "delivery",
                                "delivery/X.java",
                                "package io.leadgate.delivery;\nclass X { io.leadgate.leads.Lead lead; }\n")
                        .size());
        assertTrue(
                violations("leads", "leads/X.java", "package io.leadgate.leads;\nimport io.leadgate.delivery.Outbox;\n")
                        .isEmpty());
        assertEquals(
                1,
                violations("scoring", "scoring/X.java", "package io.leadgate.scoring;\nimport jakarta.inject.Inject;\n")
                        .size());
        assertEquals(
                1,
                violations("mystery", "Mystery.java", "package io.leadgate;\n").size());
        assertTrue(violations("web", "web/X.java", "package io.leadgate.web;\nimport io.leadgate.forms.FormRegistry;\n")
                .isEmpty());
    }

    static List<String> violations(String feature, String file, String source) {
        List<String> found = new ArrayList<>();
        Set<String> allowed = MAY_USE.get(feature);
        if (allowed == null) {
            found.add(file + ": '" + feature + "' is not a known feature package; add it to ArchitectureTest.MAY_USE");
            return found;
        }
        String body = source.replaceFirst("(?m)^package\\s+[\\w.]+;", "");
        Matcher reference = REFERENCE.matcher(body);
        while (reference.find()) {
            String used = reference.group(1);
            if (!used.equals(feature) && !allowed.contains(used)) {
                found.add(file + ": " + feature + " must not use " + used);
            }
        }
        if (FRAMEWORK_FREE.contains(feature)) {
            Matcher framework = FRAMEWORK.matcher(source);
            while (framework.find()) {
                found.add(file + ": " + feature + " must stay plain Java, but imports " + framework.group(2));
            }
        }
        return found;
    }
}
