package io.continuum.automations;

import java.util.Arrays;
import java.util.Optional;

/** The closed vocabulary of the {@code action} column of automations.dmn; the table's output values list the same names. */
public enum AutomationAction {
    ADD_TAG, REMOVE_TAG, SET_PRIORITY, MOVE_QUEUE, ASSIGN_AGENT, SEND_TEMPLATE_REPLY, ADD_NOTE, NOTIFY_SUPERVISOR, CHANGE_STATE,
    CALL_WEBHOOK, REQUEST_CSAT;

    public String wireName() {
        return name().toLowerCase().replace('_', '-');
    }

    public static Optional<AutomationAction> fromWire(String value) {
        return Arrays.stream(values()).filter(action -> action.wireName().equals(value)).findFirst();
    }
}
