package io.leadgate.forms;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the forms to health probes. Readiness is down only when no form can be served, so one broken file never
 * takes an instance out of the load balancer; the "forms" group is down while any file is broken, for alerting.
 */
public final class FormsHealthCheck {

    private FormsHealthCheck() {}

    static HealthCheckResponseBuilder describe(FormRegistry registry, String name) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name)
                .withData("valid", registry.valid().size())
                .withData("broken", registry.broken().size());
        registry.folderProblem().ifPresent(problem -> response.withData("folder", problem));
        registry.broken().forEach(form -> response.withData(form.file(), summary(form.problems())));
        registry.sequences().forEach(sequence -> {
            if (sequence instanceof BrokenSequence broken) {
                response.withData(broken.file(), summary(broken.problems()));
            }
        });
        return response;
    }

    private static String summary(java.util.List<FormProblem> problems) {
        return problems.getFirst() + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : "");
    }

    /** Ready while at least one form is served. */
    @Readiness
    @ApplicationScoped
    static class Ready implements HealthCheck {
        private final FormRegistry registry;

        Ready(FormRegistry registry) {
            this.registry = registry;
        }

        @Override
        public HealthCheckResponse call() {
            return describe(registry, "forms")
                    .status(!registry.valid().isEmpty())
                    .build();
        }
    }

    /** Up only while every form and sequence file is valid: {@code /q/health/group/forms}. */
    @HealthGroup("forms")
    @ApplicationScoped
    static class AllValid implements HealthCheck {
        private final FormRegistry registry;

        AllValid(FormRegistry registry) {
            this.registry = registry;
        }

        @Override
        public HealthCheckResponse call() {
            return describe(registry, "forms-valid")
                    .status(registry.broken().isEmpty()
                            && registry.folderProblem().isEmpty()
                            && registry.sequences().stream().noneMatch(BrokenSequence.class::isInstance))
                    .build();
        }
    }
}
