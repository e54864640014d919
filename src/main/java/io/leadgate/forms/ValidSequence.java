package io.leadgate.forms;

import io.leadgate.forms.definition.SequenceDefinition;
import io.quarkus.qute.Template;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** A sequence that passed every check, with each step's templates compiled for every language it was written in. */
public record ValidSequence(
        String id,
        String file,
        SequenceDefinition definition,
        String contentHash,
        List<StepTemplates> templates,
        Set<String> answersUsed)
        implements LoadedSequence {

    /** The compiled subject, html and text of one step, by language ({@code *} for every language). */
    public record StepTemplates(
            Map<String, Template> subject, Map<String, Template> html, Map<String, Template> text) {}

    public ValidSequence {
        templates = List.copyOf(templates);
        answersUsed = Set.copyOf(answersUsed);
    }

    /** The index {@link #render} takes for the sequence's own reminder, if it declares one. */
    public OptionalInt reminderIndex() {
        int steps = definition.steps().size();
        return templates.size() > steps ? OptionalInt.of(steps) : OptionalInt.empty();
    }

    /**
     * Renders step {@code index} (or the reminder, at {@link #reminderIndex}) in {@code language} with the lead's data. The subject becomes one line, because it
     * ends up in a mail header.
     */
    public RenderedEmail render(int index, String language, Map<String, Object> data) {
        StepTemplates step = templates.get(index);
        String subject = pick(step.subject(), language)
                .data(data)
                .render()
                .replaceAll("[\\s\\x00]+", " ")
                .strip();
        return new RenderedEmail(
                subject,
                pick(step.html(), language).data(data).render(),
                pick(step.text(), language).data(data).render());
    }

    private static Template pick(Map<String, Template> byLanguage, String language) {
        Template template = byLanguage.get(language);
        if (template == null) {
            template = byLanguage.get("*");
        }
        return template != null ? template : byLanguage.values().iterator().next();
    }

    @Override
    public String toString() {
        return "ValidSequence[" + file + "]";
    }
}
