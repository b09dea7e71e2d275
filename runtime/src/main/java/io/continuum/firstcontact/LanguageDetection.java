package io.continuum.firstcontact;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The language a customer writes in, detected offline by Lingua among the languages the product
 * serves. Lingua's low-accuracy mode keeps only its trigram models in memory (a few megabytes for
 * these languages instead of over a hundred): reliable on a sentence, not on one or two words, so a
 * text with fewer than {@value #MIN_LETTERS} letters is not judged, and neither is one whose two
 * likeliest languages are too close to tell apart. Only the first {@value #MAX_CHARACTERS}
 * characters are read: a language shows in its first sentence, and the cost stays bounded.
 * Codes are not words of any language: an order number, a product code, a link, an address or a
 * handle ("zx3a03", "INV-2291", "https://…", "@acme") is left out before judging, because Lingua's
 * trigrams read them as evidence — "How do I export zx3a038a84 reports?" came out Italian.
 */
@ApplicationScoped
public class LanguageDetection {

    static final int MIN_LETTERS = 12;
    static final int MAX_CHARACTERS = 500;
    /** How much likelier the first language must be than the second, as Lingua measures it. */
    static final double MINIMUM_RELATIVE_DISTANCE = 0.1;

    private final LanguageDetector detector = LanguageDetectorBuilder.fromLanguages(Language.ENGLISH, Language.SPANISH,
                    Language.GERMAN, Language.FRENCH, Language.PORTUGUESE, Language.ITALIAN, Language.DUTCH)
            .withLowAccuracyMode()
            .withMinimumRelativeDistance(MINIMUM_RELATIVE_DISTANCE)
            .build();
    /** A token with a digit, a link, an e-mail address, a handle or a reference ("#123"). */
    private static final Pattern CODE = Pattern.compile("\\S*\\d\\S*|\\S*://\\S*|\\S+@\\S+|[@#]\\S+");

    /** The ISO 639-1 code of the text's language ("en", "es"…); empty when the text cannot tell. */
    public Optional<String> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String start = text.length() <= MAX_CHARACTERS ? text : text.substring(0, MAX_CHARACTERS);
        String read = CODE.matcher(start).replaceAll(" ");
        if (read.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
            return Optional.empty();
        }
        Language language = detector.detectLanguageOf(read);
        return language == Language.UNKNOWN ? Optional.empty()
                : Optional.of(language.getIsoCode639_1().name().toLowerCase(Locale.ROOT));
    }
}
