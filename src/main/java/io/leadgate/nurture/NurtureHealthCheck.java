package io.leadgate.nurture;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

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
        worker.startProblem().ifPresent(problem -> response.withData("problem", problem));
        return response.status(worker.startProblem().isEmpty()).build();
    }
}
