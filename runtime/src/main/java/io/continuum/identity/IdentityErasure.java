package io.continuum.identity;

import io.continuum.platform.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The identity side of erasing a person: everyone they are merged with, and forgetting them. What
 * identifies them goes (identifiers, name, company, tags, metadata, the identifier a merge matched on);
 * the customer rows stay with their ids and dates. An erased customer's address or number finds
 * nobody any more, so whoever writes from it again is a new customer.
 */
@ApplicationScoped
public class IdentityErasure {

    private final AdvisoryLocks locks;

    IdentityErasure(AdvisoryLocks locks) {
        this.locks = locks;
    }

    /**
     * The customer and everyone merged with them (merges not undone, in either direction), locked
     * until the transaction ends; empty if the customer does not exist.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Set<UUID>> samePerson(UUID customerId) {
        Customer customer = Customer.findById(customerId);
        if (customer == null) {
            return Optional.empty();
        }
        while (customer.mergedInto != null) {
            customer = Customer.findById(customer.mergedInto);
        }
        Set<UUID> person = new LinkedHashSet<>();
        Deque<UUID> next = new ArrayDeque<>(List.of(customer.id));
        while (!next.isEmpty()) {
            UUID id = next.poll();
            if (person.add(id)) {
                Customer.<Customer>list("mergedInto", id).forEach(merged -> next.add(merged.id));
            }
        }
        locks.lockAll(person.stream().map(id -> "customer:" + id).toList());
        return Optional.of(person);
    }

    /** True when every one of them is already erased. */
    public boolean erased(Set<UUID> customerIds) {
        return Customer.count("id in ?1 and erasedAt is null", customerIds) == 0;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(Set<UUID> customerIds, Instant now) {
        CustomerIdentifier.delete("customerId in ?1", customerIds);
        for (Customer customer : Customer.<Customer>list("id in ?1", customerIds)) {
            customer.rename(null);
            customer.changeCompany(null);
            customer.tags = new ArrayList<>();
            customer.segments = new ArrayList<>();
            customer.riskFlags = new ArrayList<>();
            customer.metadata.clear();
            customer.language = null;
            customer.erasedAt = customer.erasedAt == null ? now : customer.erasedAt;
            customer.updatedAt = now;
        }
        CustomerMerge.update("sealedIdentifierValue = null, reason = 'Merge of customers since erased' "
                + "where survivingId in ?1 or mergedId in ?1", customerIds);
    }
}
