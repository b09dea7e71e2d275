package io.continuum.conversation;

import java.util.Optional;

/** A person overrides what triage decided; absent fields stay as they were. */
public record Correction(Optional<String> intent, Optional<String> severity, Optional<String> queue) {
}
