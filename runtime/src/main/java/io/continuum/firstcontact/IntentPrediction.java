package io.continuum.firstcontact;

/**
 * What the classifier makes of a message.
 *
 * @param intent         the most likely intent
 * @param confidence     calibrated probability that {@code intent} is right, in [0, 1]
 * @param p0Likelihood   similarity-weighted share of P0 examples among the nearest examples, in [0, 1]
 * @param p0Security     whether those P0 neighbours are mostly security or trust cases (fraud, theft,
 *                       takeover) rather than money missing or duplicated
 */
public record IntentPrediction(Intent intent, double confidence, double p0Likelihood, boolean p0Security) {
}
