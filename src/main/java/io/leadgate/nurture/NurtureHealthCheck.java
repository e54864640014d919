package io.leadgate.nurture;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.Optional;

/** {@code /q/health/group/nurture}: down, with the reason, while sequences refuse to start. */
@HealthGroup("nurture")
@ApplicationScoped
class NurtureHealthCheck implements HealthCheck {

    private final NurtureWorker worker;

    NurtureHealthCheck(NurtureWorker worker) {
        this.worker = worker;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("nurture");
        Optional<String> problem = worker.startProblem();
        problem.ifPresent(why -> response.withData("problem", why));
        return response.status(problem.isEmpty()).build();
    }
}
