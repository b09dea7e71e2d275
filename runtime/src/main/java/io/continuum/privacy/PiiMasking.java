package io.continuum.privacy;

import java.math.BigInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces what identifies a person or opens a door in free text: e-mail addresses, phone numbers,
 * payment card numbers (those that pass the Luhn check), IBANs (those that pass ISO 13616's mod-97
 * check), bearer and basic credentials, JSON web tokens, passwords in URLs and {@code secret=…} pairs.
 * Ids, timestamps and counts stay readable, so a masked log line still tells what happened to what.
 */
public final class PiiMasking {

    static final String EMAIL = "[email]";
    static final String PHONE = "[phone]";
    static final String CARD = "[card]";
    static final String IBAN = "[iban]";
    static final String SECRET = "[secret]";

    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{6,}");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^\\s:/@]+):[^\\s/@]+@");
    private static final Pattern SECRET_PAIR = Pattern.compile(
            "(?i)\\b([a-z_-]*(?:password|passwd|secret|token|api[_-]?key|apikey|credential|authorization|cookie))"
                    + "(\"?\\s*[:=]\\s*\"?)([^\\s\",;&}]+)");
    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern IBAN_CANDIDATE = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b");
    /** 13 to 19 digits, grouped by spaces or dashes, of a card network's number range. */
    private static final Pattern CARD_CANDIDATE = Pattern.compile("(?<![\\w-])(?:4|5[1-5]|2[2-7]|3[47]|6(?:011|5))(?:[ -]?\\d){11,17}(?![\\w-])");
    /** International numbers (+ and 7 to 15 digits), and North American ones written (555) 123-4567 or 555-123-4567. */
    private static final Pattern PHONE_NUMBER = Pattern.compile(
            "(?<![\\w+])\\+\\d(?:[ ().-]{0,2}\\d){6,14}(?![\\w-])|(?<![\\w-])\\(?\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4}(?![\\w-])");

    private PiiMasking() {
    }

    /** The text with every recognised personal datum or secret replaced by its kind in brackets. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = JWT.matcher(text).replaceAll(SECRET);
        masked = AUTHORIZATION.matcher(masked).replaceAll(match -> match.group(1) + " " + SECRET);
        masked = URL_PASSWORD.matcher(masked).replaceAll(match -> Matcher.quoteReplacement(match.group(1)) + ":" + SECRET + "@");
        masked = SECRET_PAIR.matcher(masked).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + match.group(2)) + SECRET);
        masked = EMAIL_ADDRESS.matcher(masked).replaceAll(EMAIL);
        masked = replaceValid(IBAN_CANDIDATE, masked, PiiMasking::isIban, IBAN);
        masked = replaceValid(CARD_CANDIDATE, masked, PiiMasking::passesLuhn, CARD);
        return PHONE_NUMBER.matcher(masked).replaceAll(PHONE);
    }

    private static String replaceValid(Pattern candidate, String text, Function<String, Boolean> valid, String replacement) {
        return candidate.matcher(text).replaceAll(match -> valid.apply(match.group())
                ? replacement : Matcher.quoteReplacement(match.group()));
    }

    static boolean passesLuhn(String number) {
        String digits = number.replaceAll("[ -]", "");
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return digits.length() >= 13 && sum % 10 == 0;
    }

    static boolean isIban(String candidate) {
        String compact = candidate.replace(" ", "");
        if (compact.length() < 15 || compact.length() > 34) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
