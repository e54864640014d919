package io.leadgate.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.leadgate.forms.definition.IsoDuration;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * How long each form keeps its leads: a served form says so itself; a form whose file was removed or is broken keeps
 * the retention of its latest version served, so that its leads are not kept for ever by accident.
 */
@ApplicationScoped
public class Retentions {

    private final FormRegistry registry;
    private final YAMLMapper yaml = new YAMLMapper();

    Retentions(FormRegistry registry) {
        this.registry = registry;
    }

    /** The retention for a form id, from the served form or else its latest archived version. */
    public Optional<Duration> of(String formId) {
        Optional<ValidForm> served =
                registry.find(formId).filter(ValidForm.class::isInstance).map(ValidForm.class::cast);
        if (served.isPresent()) {
            return Optional.ofNullable(served.get().definition().retention());
        }
        return QuarkusTransaction.joiningExisting()
                .call(() -> FormVersion.latestSource(formId))
                .flatMap(this::retentionIn);
    }

    private Optional<Duration> retentionIn(String source) {
        try {
            JsonNode retention = yaml.readTree(source).get("retention");
            if (retention == null || !retention.isTextual()) {
                return Optional.empty();
            }
            return Optional.of(IsoDuration.parse(retention.asText()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
