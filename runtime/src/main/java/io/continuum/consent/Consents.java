package io.continuum.consent;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.connectors.channel.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Consents per customer and purpose: recorded append-only, read as history or as the current state of each
 * purpose, asked before contacting a customer, deleted when the customer is erased.
 */
@ApplicationScoped
public class Consents {

    /** The channels a customer opts out of on the channel itself, and the consent source that records it. */
    private static final Map<String, ConsentSource> CHANNEL_OPT_OUTS = Map.of(Channels.SMS, ConsentSource.SMS_KEYWORD);

    private final AuditTrail audit;
    private final Clock clock;

    Consents(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** What a person or an integration records: the customer gave ({@code granted}) or withdrew a consent. */
    public record Statement(ConsentPurpose purpose, boolean granted, ConsentSource source, String textShown) {
    }

    /** Audited on the customer: which consent changed and how, nothing that names them. */
    private record Recorded(UUID consentId, String purpose, boolean granted, String source) {
    }

    /** Records the statement about a customer the caller found. */
    @Transactional
    public ConsentRecord record(UUID customerId, Statement statement, Actor recordedBy) {
        ConsentRecord record = new ConsentRecord();
        record.id = UUID.randomUUID();
        record.customerId = customerId;
        record.purpose = statement.purpose().wireName();
        record.granted = statement.granted();
        record.source = statement.source().wireName();
        record.textShown = statement.textShown();
        record.recordedBy = recordedBy.name();
        record.recordedAt = clock.instant();
        record.persist();
        audit.record("customer", customerId, statement.granted() ? "consent-granted" : "consent-withdrawn", recordedBy,
                null, new Recorded(record.id, record.purpose, record.granted, record.source));
        return record;
    }

    /** Where the customer stands on every purpose, and how they got there. */
    public record Overview(List<ConsentState> current, List<ConsentEntry> history) {
    }

    public Overview overviewOf(UUID customerId) {
        return new Overview(currentOf(customerId), historyOf(customerId).stream().map(ConsentEntry::of).toList());
    }

    /** Every record of the customer, oldest first. */
    public List<ConsentRecord> historyOf(UUID customerId) {
        return ConsentRecord.list("customerId = ?1 order by recordedAt, id", customerId);
    }

    /** The current state of every purpose, in the order of {@link ConsentPurpose}. */
    public List<ConsentState> currentOf(UUID customerId) {
        List<ConsentRecord> history = historyOf(customerId);
        return Arrays.stream(ConsentPurpose.values()).map(purpose -> stateOf(purpose, history)).toList();
    }

    public ConsentState current(UUID customerId, ConsentPurpose purpose) {
        return stateOf(purpose, ConsentRecord.list("customerId = ?1 and purpose = ?2 order by recordedAt, id",
                customerId, purpose.wireName()));
    }

    /** The latest record the customer made through one source (e.g. texting STOP or START), if any. */
    public Optional<ConsentRecord> latestFrom(UUID customerId, ConsentSource source) {
        return ConsentRecord.<ConsentRecord>find("customerId = ?1 and source = ?2 order by recordedAt desc, id desc",
                customerId, source.wireName()).firstResultOptional();
    }

    /**
     * The customer's standing opt-out of a channel made on the channel itself (texted STOP and not START since):
     * nothing may be sent to them on it. Empty for a channel without such an opt-out.
     */
    public Optional<ConsentRecord> optOutOf(UUID customerId, String channel) {
        return Optional.ofNullable(CHANNEL_OPT_OUTS.get(channel))
                .flatMap(source -> latestFrom(customerId, source)).filter(record -> !record.granted);
    }

    /** Deletes the consents of erased customers, in the erasure's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long forget(Set<UUID> customerIds) {
        return ConsentRecord.delete("customerId in ?1", customerIds);
    }

    private static ConsentState stateOf(ConsentPurpose purpose, List<ConsentRecord> history) {
        List<ConsentRecord> ofPurpose = history.stream().filter(record -> record.purpose.equals(purpose.wireName())).toList();
        if (ofPurpose.isEmpty()) {
            return new ConsentState(purpose.wireName(), "not-recorded", purpose.allowedWithoutRecord(), null, null, null,
                    null, null);
        }
        ConsentRecord latest = ofPurpose.get(ofPurpose.size() - 1);
        Optional<ConsentRecord> lastGrant = ofPurpose.stream().filter(record -> record.granted)
                .reduce((first, second) -> second);
        return new ConsentState(purpose.wireName(), latest.granted ? "granted" : "withdrawn", latest.granted,
                lastGrant.map(grant -> grant.recordedAt).orElse(null), latest.granted ? null : latest.recordedAt,
                latest.source, latest.textShown, latest.id);
    }
}
