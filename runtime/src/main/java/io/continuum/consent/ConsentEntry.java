package io.continuum.consent;

import java.time.Instant;
import java.util.UUID;

/** One consent record as the API and the export show it. */
public record ConsentEntry(UUID id, String purpose, boolean granted, String source, String textShown,
                           String recordedBy, Instant recordedAt) {

    public static ConsentEntry of(ConsentRecord record) {
        return new ConsentEntry(record.id, record.purpose, record.granted, record.source, record.textShown,
                record.recordedBy, record.recordedAt);
    }
}
