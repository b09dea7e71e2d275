package io.continuum.firstcontact;

/**
 * A customer sentence with the intent a person gave it, and whether it puts money, security or
 * trust at stake (a P0 whatever the intent: money missing or duplicated, fraud, account takeover).
 */
public record LabelledExample(String text, Intent intent, boolean p0) {
}
