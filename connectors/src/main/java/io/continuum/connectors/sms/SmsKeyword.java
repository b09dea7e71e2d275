package io.continuum.connectors.sms;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The words carriers and Twilio treat as commands when a whole SMS is just that word: STOP ends every
 * message from our number until START, HELP asks who we are. Twilio's Advanced Opt-Out answers them and
 * blocks our sends to a stopped number; we record the same choice so nothing tries to write to it.
 */
public enum SmsKeyword {
    STOP(Set.of("STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE")),
    START(Set.of("START", "YES", "UNSTOP")),
    HELP(Set.of("HELP", "INFO"));

    private final Set<String> words;

    SmsKeyword(Set<String> words) {
        this.words = words;
    }

    /** The keyword a message is, ignoring case, surrounding spaces and a final full stop or exclamation mark. */
    public static Optional<SmsKeyword> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String word = text.strip().replaceAll("[.!]+$", "").toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(keyword -> keyword.words.contains(word)).findFirst();
    }
}
