package io.continuum.firstcontact;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identifiers a customer mentions, so an agent (or a rule) does not have to read them out
 * of the text: links, order, invoice, ticket and transaction ids, error codes (an HTTP status of
 * 4xx or 5xx, an exception's name), amounts with their currency, e-mail addresses, phone numbers
 * and a card's last four digits. Patterns are tried from the most specific to the most
 * general and a span of text belongs to one entity only, so an order number is never also read
 * as a phone number.
 */
public final class Entities {

    public record Entity(String type, String value) {
    }

    private record Kind(String type, Pattern pattern) {
    }

    private static final String CURRENCY_CODES = "EUR|USD|GBP|CHF|CAD|AUD|JPY|SEK|NOK|DKK|PLN|INR|BRL|MXN";

    private static final List<Kind> KINDS = List.of(
            new Kind("url", Pattern.compile("(?i)\\bhttps?://[^\\s<>\"']{1,2000}[^\\s<>\"'.,;:!?)\\]]")),
            new Kind("email", Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.[A-Za-z]{2,}")),
            new Kind("card_last4", Pattern.compile(
                    "(?i)\\b(?:ending|ends)\\s+(?:in|with)\\s+(\\d{4})\\b"
                            + "|\\blast\\s+(?:4|four)\\s+(?:digits\\s+)?(?:are\\s+|is\\s+|:\\s*)?(\\d{4})\\b"
                            + "|[*xX•]{4}[\\s-]?(\\d{4})\\b")),
            new Kind("invoice_id", Pattern.compile(
                    "(?i)\\bINV[-_]?(?=[\\w-]*\\d)\\w+(?:[-_]\\w+)*"
                            + "|\\binvoice\\s+(?:number|no\\.?|id|#)?\\s*:?\\s*#?(\\d[\\w-]{2,})\\b")),
            new Kind("ticket_id", Pattern.compile(
                    "(?i)\\b(?:ticket|case|incident)\\s+(?:number|no\\.?|id|#)?\\s*:?\\s*#?([A-Z]*-?\\d{3,})\\b")),
            new Kind("error_code", Pattern.compile(
                    "(?i)\\b(?:http|error|status|code)\\s*:?\\s*([45]\\d\\d)\\b"
                            + "|\\b[45]\\d\\d\\s+(?:(?:internal\\s+)?server\\s+error|bad\\s+gateway|service\\s+unavailable"
                            + "|gateway\\s+time-?out|not\\s+found|forbidden|unauthori[sz]ed|bad\\s+request|too\\s+many\\s+requests)\\b"
                            + "|(?-i:\\b(?:[a-z]\\w*\\.)*[A-Z]\\w*(?:Exception|Error)\\b)")),
            new Kind("order_id", Pattern.compile(
                    "(?i)\\bORD(?:ER)?[-_]\\w+(?:[-_]\\w+)*|#\\d{3,}|\\border\\s+(?:number|no\\.?|id)\\s*:?\\s*(\\d{4,})\\b")),
            new Kind("transaction_id", Pattern.compile(
                    "(?i)\\b(?:TXN|TRX|TX|PAY)[-_]?(?=\\w*\\d)\\w{4,}(?:[-_]\\w+)*"
                            + "|\\btransaction\\s+(?:id|ref(?:erence)?|number|no\\.?)\\s*:?\\s*([A-Z0-9][\\w-]{5,})")),
            new Kind("money", Pattern.compile(
                    "[$€£]\\s?\\d[\\d,.]*\\d|[$€£]\\s?\\d"
                            + "|\\b\\d[\\d,.]*\\s?(?:[$€£]|(?:" + CURRENCY_CODES + ")\\b|(?i:dollars|euros|pounds)\\b)"
                            + "|\\b(?:" + CURRENCY_CODES + ")\\s?\\d[\\d,.]*\\d")),
            new Kind("phone", Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d\\s().-]{6,}\\d(?!\\w)")));

    private Entities() {
    }

    public static List<Entity> in(String message) {
        String text = ReadLimit.of(message);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        record Found(int start, Entity entity) {
        }
        List<Found> found = new ArrayList<>();
        BitSet taken = new BitSet(text.length());
        for (Kind kind : KINDS) {
            Matcher matcher = kind.pattern().matcher(text);
            while (matcher.find()) {
                if (taken.get(matcher.start(), matcher.end()).cardinality() > 0) {
                    continue;
                }
                String value = valueOf(matcher);
                if (kind.type().equals("phone") && !looksLikePhone(value)) {
                    continue;
                }
                taken.set(matcher.start(), matcher.end());
                found.add(new Found(matcher.start(), new Entity(kind.type(), value)));
            }
        }
        return found.stream().sorted(Comparator.comparingInt(Found::start)).map(Found::entity).toList();
    }

    /** The captured identifier when the pattern captures one ("order number 12345" gives 12345), else the match. */
    private static String valueOf(Matcher matcher) {
        for (int group = 1; group <= matcher.groupCount(); group++) {
            if (matcher.group(group) != null) {
                return matcher.group(group);
            }
        }
        return matcher.group().trim();
    }

    /** 7 to 15 digits (E.164 allows 15), and not a date like 2024-11-25. */
    private static boolean looksLikePhone(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        return digits >= 7 && digits <= 15 && !candidate.matches("\\d{4}-\\d{2}-\\d{2}");
    }
}
