package io.continuum.firstcontact;

import java.util.Locale;

/** Where a labelled example came from. */
public enum ExampleSource {
    /** shipped with the product (firstcontact/builtin-examples.csv) */
    BUILTIN,
    /** posted as JSON to the examples API */
    API,
    /** uploaded as CSV to the examples API */
    IMPORT,
    /** a person corrected the classifier on a conversation */
    CORRECTION,
    /** an analyst labelled a message from the review list of messages the classifier was unsure of */
    REVIEW;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
