package io.continuum.decisions.engine;

import java.util.List;
import java.util.Optional;

/** The compiled policy, or nothing when any message is an error; warnings may accompany a success. */
public record CompilationResult(Optional<CompiledPolicy> policy, List<ValidationMessage> messages) {

    public boolean succeeded() {
        return policy.isPresent();
    }

    public List<ValidationMessage> errors() {
        return messages.stream().filter(ValidationMessage::isError).toList();
    }
}
