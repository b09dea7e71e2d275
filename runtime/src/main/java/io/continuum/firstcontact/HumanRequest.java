package io.continuum.firstcontact;

import java.util.regex.Pattern;

/**
 * Does the customer ask for a person? Whatever the phrasing, the answer must be yes when it
 * is yes: asking for a human always escalates at once (the failsafe "never block escalation").
 * Errs on the side of escalating.
 */
public final class HumanRequest {

    /** English words, and the word each served language's offer of a person tells the customer to reply ({@link CustomerWording}). */
    private static final String PERSON = "(human|person|people|agent|representative|rep|operator|someone|somebody|"
            + "anyone|staff|employee|manager|supervisor|real (person|human|one)|live (agent|person|chat)|customer service|"
            + "agente|mitarbeiter|atendente|operatore|medewerker)";
    private static final Pattern ASKS_FOR_PERSON = Pattern.compile(
            "(?i)\\b(talk|speak|chat|connect|transfer|put|get|escalate|want|need|give|let)\\b[^.?!]{0,30}\\b" + PERSON + "\\b");
    private static final Pattern PERSON_TO_TALK_TO = Pattern.compile(
            "(?i)\\b" + PERSON + "\\b[^.?!]{0,25}\\b(talk|speak|chat)\\b");
    private static final Pattern PERSON_PLEASE = Pattern.compile(
            "(?i)^\\W*(a\\s+)?" + PERSON + "\\W*(please|pls|plz|now|!+)?\\W*$");
    private static final Pattern NOT_A_BOT = Pattern.compile(
            "(?i)\\b(stop|no more|enough|not) (talking to )?(a |the |this )?(bot|robot|machine|ai|automated)\\b|"
                    + "\\bare you (a )?(bot|robot|real|human)\\b|\\bi don'?t want (a |the |this )?(bot|robot|ai)\\b");

    private HumanRequest() {
    }

    public static boolean in(String message) {
        String text = ReadLimit.of(message);
        if (text == null || text.isBlank()) {
            return false;
        }
        return ASKS_FOR_PERSON.matcher(text).find() || PERSON_TO_TALK_TO.matcher(text).find()
                || PERSON_PLEASE.matcher(text.trim()).find()
                || NOT_A_BOT.matcher(text).find();
    }
}
