package io.continuum.identity;

import java.util.List;
import java.util.UUID;

/** What the audit log shows of a customer before and after a change. */
record CustomerSnapshot(String displayName, String company, String tier, List<String> tags, List<String> segments,
                        List<String> riskFlags, boolean anonymous, UUID mergedInto) {

    static CustomerSnapshot of(Customer customer) {
        return new CustomerSnapshot(customer.displayName, customer.company, customer.tier, List.copyOf(customer.tags),
                List.copyOf(customer.segments), List.copyOf(customer.riskFlags), customer.anonymous, customer.mergedInto);
    }
}
