package io.continuum.resolution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.kie.kogito.Model;
import org.kie.kogito.process.Process;
import org.kie.kogito.process.ProcessInstance;
import org.kie.kogito.process.impl.Sig;

import java.util.Map;
import java.util.UUID;

/** Starts processes/resolution.bpmn for a Resolution and tells it when the Resolution is resolved. */
@ApplicationScoped
public class ResolutionProcesses {

    static final String RESOLVED_SIGNAL = "resolved";

    private final Process<? extends Model> resolution;

    ResolutionProcesses(@Named("resolution") Process<? extends Model> resolution) {
        this.resolution = resolution;
    }

    /** Starts the protocol; its first step acknowledges every linked customer in the caller's transaction. */
    @SuppressWarnings("unchecked")
    public <T extends Model> String start(UUID resolutionId) {
        Process<T> process = (Process<T>) resolution;
        T model = process.createModel();
        model.fromMap(Map.of("resolutionId", resolutionId.toString(), "tick", 0));
        ProcessInstance<T> instance = process.createInstance(model);
        instance.start();
        return instance.id();
    }

    /** The protocol winds down (customers told, swarm closed, case archived); a finished one is left alone. */
    public void resolved(String processInstanceId) {
        resolution.instances().findById(processInstanceId)
                .ifPresent(instance -> instance.send(Sig.of(RESOLVED_SIGNAL, null)));
    }
}
