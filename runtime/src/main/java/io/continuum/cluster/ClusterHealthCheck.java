package io.continuum.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness names this node and how many nodes it sees: a node alone is ready (the others may be down),
 * and whoever adds a node can watch the count grow.
 */
@Readiness
@ApplicationScoped
public class ClusterHealthCheck implements HealthCheck {

    private final Cluster cluster;

    ClusterHealthCheck(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cluster").up()
                .withData("clustered", cluster.clustered())
                .withData("node", cluster.thisNode())
                .withData("members", cluster.members().size())
                .build();
    }
}
