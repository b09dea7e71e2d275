package io.continuum.firstcontact;

/**
 * How much of a message the word-level readers (sentiment, entities, risk signals, a request for
 * a person) look at: the first {@value #MAX_CHARACTERS} characters. Their patterns backtrack, so a
 * message of tens of thousands of characters (a pasted log, a run without spaces) would cost time
 * in proportion to its length or worse; what a customer says about money, fraud, an outage or
 * their mood comes in the part a person reads first.
 */
final class ReadLimit {

    static final int MAX_CHARACTERS = 4_000;

    private ReadLimit() {
    }

    /** The part of the text that is read; the whole text when it is short enough. */
    static String of(String text) {
        if (text == null || text.length() <= MAX_CHARACTERS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARACTERS - 1)) ? MAX_CHARACTERS - 1 : MAX_CHARACTERS;
        return text.substring(0, end);
    }
}
