package io.continuum.support;

import java.sql.DriverManager;
import java.sql.SQLException;

/** SLA policies for tests that publish one: a single row giving every conversation the same targets. */
public final class SlaPolicies {

    private static final String FLAT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="sla-policy" name="sla-policy"
                         namespace="https://continuum.io/dmn/sla-policy">
              <inputData id="tier" name="tier"><variable id="tier_v" name="tier" typeRef="string"/></inputData>
              <inputData id="severity" name="severity"><variable id="severity_v" name="severity" typeRef="string"/></inputData>
              <inputData id="channel" name="channel"><variable id="channel_v" name="channel" typeRef="string"/></inputData>
              <decision id="sla_policy_decision" name="sla-policy">
                <variable id="sla_policy_v" name="sla-policy"/>
                <informationRequirement id="ir1"><requiredInput href="#tier"/></informationRequirement>
                <informationRequirement id="ir2"><requiredInput href="#severity"/></informationRequirement>
                <informationRequirement id="ir3"><requiredInput href="#channel"/></informationRequirement>
                <decisionTable id="flat_table" hitPolicy="UNIQUE">
                  <input id="i1" label="tier"><inputExpression id="ie1" typeRef="string"><text>tier</text></inputExpression></input>
                  <input id="i2" label="severity"><inputExpression id="ie2" typeRef="string"><text>severity</text></inputExpression></input>
                  <input id="i3" label="channel"><inputExpression id="ie3" typeRef="string"><text>channel</text></inputExpression></input>
                  <output id="o1" name="firstResponseDue" typeRef="days and time duration"/>
                  <output id="o2" name="nextResponseDue" typeRef="days and time duration"/>
                  <output id="o3" name="resolutionDue" typeRef="days and time duration"/>
                  <output id="o4" name="proactiveUpdateInterval" typeRef="days and time duration"/>
                  <output id="o5" name="warningThreshold" typeRef="number"/>
                  <output id="o6" name="calendar" typeRef="string"/>
                  <rule id="%1$s">
                    <description>The same targets for every conversation</description>
                    <inputEntry id="r1i1"><text>-</text></inputEntry>
                    <inputEntry id="r1i2"><text>-</text></inputEntry>
                    <inputEntry id="r1i3"><text>-</text></inputEntry>
                    <outputEntry id="r1o1"><text>duration("%2$s")</text></outputEntry>
                    <outputEntry id="r1o2"><text>duration("%3$s")</text></outputEntry>
                    <outputEntry id="r1o3"><text>duration("%4$s")</text></outputEntry>
                    <outputEntry id="r1o4"><text>duration("%5$s")</text></outputEntry>
                    <outputEntry id="r1o5"><text>%6$s</text></outputEntry>
                    <outputEntry id="r1o6"><text>"24x7"</text></outputEntry>
                  </rule>
                </decisionTable>
              </decision>
            </definitions>
            """;

    private SlaPolicies() {
    }

    /**
     * How often a conversation's first-response clock recorded an event of this topic ({@code sla.warning},
     * {@code sla.breached}) in the outbox of the database at {@code jdbcUrl}.
     */
    public static long firstResponseEvents(String jdbcUrl, String topic, String conversationId) throws SQLException {
        try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             var query = connection.prepareStatement("SELECT count(*) FROM outbox_event WHERE topic = ? "
                     + "AND aggregate_id = ?::uuid AND payload->>'clock' = 'first_response'")) {
            query.setString(1, topic);
            query.setString(2, conversationId);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * The DMN source of a one-row sla-policy (24x7 calendar). Durations are ISO-8601 (PT20S, P3D).
     *
     * @param rule the row's id, which explanations of its decisions name
     */
    public static String flat(String rule, String firstResponse, String nextResponse, String resolution,
                              String proactiveUpdate, double warningThreshold) {
        return FLAT.formatted(rule, firstResponse, nextResponse, resolution, proactiveUpdate, warningThreshold);
    }
}
