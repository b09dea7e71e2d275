package io.continuum.analytics;

/**
 * The key care metrics over one period (a day of the series, or the whole window). Every rate
 * comes with its numerator and denominator so a reader can check it; a rate with nothing to
 * measure is null, never zero.
 *
 * @param conversations          conversations opened in the period
 * @param responded              of those, how many got a first outbound reply (by a person or the AI)
 * @param deflected              of those, answered by the AI with no person ever replying, moving or owning them
 * @param slaTracked             of those, how many carry an SLA due time
 * @param slaBreached            of the tracked ones, how many missed their first-response or resolution due time
 * @param resolved               conversations resolved for the first time in the period
 * @param reopened               of those, how many were reopened afterwards
 * @param classified             conversations the AI classified (triaged) in the period
 * @param corrected              of those, how many a person corrected (intent, severity or queue)
 * @param automatedDecisions     entries in the decision log (every automated decision, explained)
 * @param surveysSent            satisfaction surveys sent in the period
 * @param surveysAnswered        of those, how many the customer answered
 * @param csatResponseRate       answered / sent
 * @param csat                   average score (1 to 5) of the answered ones
 */
public record Figures(
        long conversations,
        long responded,
        Double firstResponseAverageSeconds,
        Double firstResponseMedianSeconds,
        long resolved,
        Double resolutionAverageSeconds,
        Double resolutionMedianSeconds,
        long deflected,
        Double aiDeflectionRate,
        long classified,
        long corrected,
        Double aiOverrideRate,
        long slaTracked,
        long slaBreached,
        Double slaBreachRate,
        long reopened,
        Double reopenRate,
        long surveysSent,
        long surveysAnswered,
        Double csatResponseRate,
        Double csat,
        long automatedDecisions) {

    static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
