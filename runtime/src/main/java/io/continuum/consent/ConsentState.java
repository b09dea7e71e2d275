package io.continuum.consent;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a customer stands on one purpose: {@code granted} (latest record a grant), {@code withdrawn} (latest
 * record a withdrawal) or {@code not-recorded}; {@code allowed} applies the purpose's default to the last case.
 * {@code grantedAt} is the latest grant, {@code withdrawnAt} the withdrawal that ended it, if any.
 */
public record ConsentState(String purpose, String status, boolean allowed, Instant grantedAt, Instant withdrawnAt,
                           String source, String textShown, UUID recordId) {
}
