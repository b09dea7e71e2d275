package io.continuum.connectors.channel;

/**
 * Text as PostgreSQL can store it: NUL (U+0000), which a {@code text} or {@code jsonb} column refuses,
 * is removed, and a lone UTF-16 surrogate (half of a character, cut or forged) becomes U+FFFD instead of
 * turning into '?' or an encoding error on the way to the database. Everything else, however odd
 * (zero-width and format characters, right-to-left marks, emoji), is kept as the sender wrote it.
 */
public final class StorableText {

    private StorableText() {
    }

    public static String clean(String text) {
        if (text == null || isClean(text)) {
            return text;
        }
        StringBuilder cleaned = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                cleaned.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                cleaned.append('\uFFFD');
            } else {
                cleaned.append(c);
            }
        }
        return cleaned.toString();
    }

    private static boolean isClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
