package io.leadgate.forms;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.leadgate.common.Digests;
import io.leadgate.forms.definition.SendWindow;
import io.leadgate.forms.definition.SequenceDefinition;
import io.leadgate.forms.definition.SequenceStep;
import io.leadgate.forms.definition.Text;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.Variant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one sequence file ({@code forms/sequences/<id>.yaml}) into a {@link LoadedSequence}, checked like a form:
 * YAML with positions, the JSON Schema, binding, then the send window and every template, each compiled and rendered
 * once with sample data so that a typo is found on review rather than at send time.
 */
public final class SequenceLoader {

    /** What every template can use; nurture fills the same names with the lead's data. */
    static final Map<String, Object> SAMPLE = Map.of(
            "lead",
                    Map.of(
                            "name",
                            "Ana Silva",
                            "firstName",
                            "Ana",
                            "company",
                            "Example Ltd",
                            "email",
                            "ana@example.com"),
            "form", Map.of("id", "sample", "title", "Sample form"),
            "answers", new AnyAnswer(),
            "links",
                    Map.of(
                            "requalify",
                            "https://leadgate.example/r/sample",
                            "unsubscribe",
                            "https://leadgate.example/u/sample"),
            "step", Map.of("number", 1, "count", 3));

    private static final Engine ENGINE = Engine.builder()
            .addDefaults()
            .removeStandaloneLines(true)
            .strictRendering(true)
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .build();

    private final FormSchema schema = new FormSchema(FormSchema.SEQUENCE_RESOURCE);
    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .findAndAddModules()
            .build();

    public LoadedSequence load(Path file, String shownAs) {
        String id = FormLoader.idOf(file);
        try {
            return load(id, shownAs, Files.readAllBytes(file));
        } catch (IOException e) {
            return new BrokenSequence(
                    id,
                    shownAs,
                    List.of(new FormProblem(
                            shownAs,
                            1,
                            1,
                            "cannot read the file: " + e.getMessage(),
                            "check that the file exists and is readable.")));
        }
    }

    public LoadedSequence load(String id, String shownAs, byte[] content) {
        PositionedYaml yaml;
        try {
            yaml = PositionedYaml.parse(content);
        } catch (PositionedYaml.SyntaxError e) {
            return new BrokenSequence(
                    id,
                    shownAs,
                    List.of(new FormProblem(
                            shownAs,
                            e.position.line(),
                            e.position.column(),
                            e.getMessage(),
                            "check the indentation and quoting around this place (use spaces, not tabs).")));
        }
        List<Finding> findings = schema.check(yaml.root);
        if (!findings.isEmpty()) {
            return new BrokenSequence(id, shownAs, FormLoader.place(findings, yaml, shownAs));
        }
        SequenceDefinition definition;
        try {
            definition = mapper.treeToValue(yaml.root, SequenceDefinition.class);
        } catch (IOException e) {
            String pointer = e instanceof JsonMappingException mapping ? FormLoader.pointerOf(mapping) : "";
            return new BrokenSequence(
                    id,
                    shownAs,
                    FormLoader.place(
                            List.of(Finding.at(
                                    pointer, "cannot read this value: " + FormLoader.firstLine(e.getMessage()), null)),
                            yaml,
                            shownAs));
        }
        checkWindow(definition.sendWindow(), findings);
        List<ValidSequence.StepTemplates> templates = new ArrayList<>();
        Set<String> answersUsed = new HashSet<>();
        Set<String> stepIds = new HashSet<>();
        for (int i = 0; i < definition.steps().size(); i++) {
            SequenceStep step = definition.steps().get(i);
            String pointer = "/steps/" + i;
            if (!stepIds.add(step.id())) {
                findings.add(Finding.at(
                        pointer + "/id", "two steps are called '" + step.id() + "'", "give each step its own id."));
            }
            templates.add(new ValidSequence.StepTemplates(
                    compile(step.subject(), Variant.TEXT_PLAIN, pointer + "/subject", findings, answersUsed),
                    compile(step.html(), Variant.TEXT_HTML, pointer + "/html", findings, answersUsed),
                    compile(step.text(), Variant.TEXT_PLAIN, pointer + "/text", findings, answersUsed)));
        }
        if (definition.reminder() != null) {
            SequenceStep reminder = definition.reminder();
            templates.add(new ValidSequence.StepTemplates(
                    compile(reminder.subject(), Variant.TEXT_PLAIN, "/reminder/subject", findings, answersUsed),
                    compile(reminder.html(), Variant.TEXT_HTML, "/reminder/html", findings, answersUsed),
                    compile(reminder.text(), Variant.TEXT_PLAIN, "/reminder/text", findings, answersUsed)));
        }
        if (!findings.isEmpty()) {
            return new BrokenSequence(id, shownAs, FormLoader.place(findings, yaml, shownAs));
        }
        return new ValidSequence(id, shownAs, definition, Digests.sha256Hex(content), templates, answersUsed);
    }

    private static void checkWindow(SendWindow window, List<Finding> findings) {
        if (window == null) {
            return;
        }
        try {
            ZoneId.of(window.timeZone());
        } catch (DateTimeException e) {
            findings.add(Finding.at(
                    "/send-window/time-zone",
                    "'" + window.timeZone() + "' is not a time zone",
                    "use an IANA name like Europe/Berlin, America/New_York or UTC."));
        }
        if (window.from() != null
                && window.until() != null
                && !LocalTime.parse(window.from()).isBefore(LocalTime.parse(window.until()))) {
            findings.add(Finding.at(
                    "/send-window/until", "the window closes before it opens", "make 'until' later than 'from'."));
        }
    }

    private static Map<String, Template> compile(
            Text text, String contentType, String pointer, List<Finding> findings, Set<String> answersUsed) {
        Map<String, Template> compiled = new LinkedHashMap<>();
        text.byLanguage().forEach((language, source) -> {
            String at = text.languages().isEmpty() ? pointer : pointer + "/" + language;
            try {
                Template template = ENGINE.parse(source, Variant.forContentType(contentType));
                template.data(SAMPLE).render();
                for (Expression expression : template.getExpressions()) {
                    List<Expression.Part> parts = expression.getParts();
                    if (!expression.hasNamespace()
                            && parts.size() >= 2
                            && parts.getFirst().getName().equals("answers")
                            && !parts.get(1).isVirtualMethod()) {
                        answersUsed.add(parts.get(1).getName());
                    }
                }
                compiled.put(language, template);
            } catch (TemplateException e) {
                int line = e.getOrigin() == null ? 1 : e.getOrigin().getLine();
                findings.add(
                        Finding.at(
                                at,
                                "template line " + line + ": " + FormLoader.firstLine(e.getMessage()),
                                "use only lead.name, lead.firstName, lead.company, lead.email, form.title, answers.<question-id>,"
                                        + " links.requalify and step.number / step.count, with {#if …}{/if} for optional values."));
            }
        });
        return compiled;
    }

    /** Answers in sample data: every question id has an answer, because sequences do not know their forms' questions. */
    private static final class AnyAnswer extends AbstractMap<String, Object> {
        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Object get(Object key) {
            return "a sample answer";
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of();
        }
    }
}
