package io.continuum.identity;

import io.continuum.privacy.PersonalData;

import java.util.List;
import java.util.UUID;

/**
 * What the audit log shows of a customer before and after a change. The append-only log cannot forget,
 * so the name and company are sealed under the customer's data key: erasing the customer erases them here too.
 */
record CustomerSnapshot(String displayName, String company, String tier, List<String> tags, List<String> segments,
                        List<String> riskFlags, boolean anonymous, UUID mergedInto) {

    static CustomerSnapshot of(Customer customer) {
        PersonalData personalData = PersonalData.instance();
        return new CustomerSnapshot(personalData.seal(customer.id, customer.displayName),
                personalData.seal(customer.id, customer.company), customer.tier, List.copyOf(customer.tags),
                List.copyOf(customer.segments), List.copyOf(customer.riskFlags), customer.anonymous, customer.mergedInto);
    }
}
