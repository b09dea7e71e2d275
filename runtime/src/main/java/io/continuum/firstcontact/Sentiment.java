package io.continuum.firstcontact;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the customer feels, from -1 (furious) to 1 (delighted), by a small word list: a word's
 * weight, flipped and damped after a negation ("not happy"), raised after an intensifier
 * ("very angry") or in capitals ("USELESS"), and the whole raised by "!!". The sum is squashed
 * into [-1, 1] so that one strong word counts a lot and many words never exceed the bounds.
 * Meant for the severity policy's "very unhappy" row, not for nuance.
 */
public final class Sentiment {

    private static final Map<String, Double> WORDS = Map.ofEntries(
            Map.entry("angry", -2.5), Map.entry("furious", -3.0), Map.entry("unacceptable", -3.0),
            Map.entry("terrible", -2.5), Map.entry("awful", -2.5), Map.entry("horrible", -2.5),
            Map.entry("worst", -3.0), Map.entry("useless", -2.5), Map.entry("ridiculous", -2.5),
            Map.entry("disgusting", -3.0), Map.entry("scam", -2.5), Map.entry("disappointed", -2.0),
            Map.entry("frustrated", -2.0), Map.entry("frustrating", -2.0), Map.entry("annoyed", -1.5),
            Map.entry("annoying", -1.5), Map.entry("upset", -2.0), Map.entry("worried", -1.5),
            Map.entry("bad", -1.5), Map.entry("poor", -1.5), Map.entry("broken", -1.0), Map.entry("wrong", -1.0),
            Map.entry("problem", -0.5), Map.entry("issue", -0.5), Map.entry("fail", -1.0), Map.entry("failed", -1.0),
            Map.entry("stuck", -1.0), Map.entry("hate", -3.0), Map.entry("never", -0.5), Map.entry("waste", -2.0),
            Map.entry("incompetent", -3.0), Map.entry("joke", -1.5), Map.entry("stolen", -1.5),
            Map.entry("good", 1.5), Map.entry("great", 2.5), Map.entry("excellent", 3.0), Map.entry("amazing", 3.0),
            Map.entry("love", 3.0), Map.entry("happy", 2.0), Map.entry("glad", 2.0), Map.entry("thanks", 1.5),
            Map.entry("thank", 1.5), Map.entry("helpful", 2.0), Map.entry("perfect", 3.0), Map.entry("nice", 1.5),
            Map.entry("awesome", 3.0), Map.entry("pleased", 2.0), Map.entry("appreciate", 2.0), Map.entry("fine", 0.5),
            Map.entry("works", 1.0), Map.entry("solved", 2.0), Map.entry("fast", 1.0), Map.entry("quick", 1.0));
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "isn't", "wasn't", "don't", "doesn't",
            "didn't", "can't", "cannot", "won't", "hardly", "without", "nothing");
    private static final Map<String, Double> INTENSIFIERS = Map.of("very", 1.5, "really", 1.4, "extremely", 1.8,
            "so", 1.3, "totally", 1.5, "absolutely", 1.6, "completely", 1.5, "super", 1.4, "incredibly", 1.7);
    /** How far a negation reaches: "not very good" is still negated. */
    private static final int NEGATION_REACH = 3;
    private static final double NEGATED = -0.6;
    private static final double SHOUTED = 1.4;
    /** Squashing constant: a single weight-3 word alone gives about 0.6. */
    private static final double SQUASH = 15;
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    private static final Pattern EXCLAMATIONS = Pattern.compile("!{2,}");

    private Sentiment() {
    }

    public static double of(String message) {
        String text = ReadLimit.of(message);
        if (text == null || text.isBlank()) {
            return 0;
        }
        double sum = 0;
        int wordsSinceNegation = Integer.MAX_VALUE;
        double intensity = 1;
        Matcher words = WORD.matcher(text.replace('’', '\''));
        while (words.find()) {
            String original = words.group();
            String word = original.toLowerCase(Locale.ROOT);
            if (NEGATIONS.contains(word) || word.endsWith("n't")) {
                wordsSinceNegation = 0;
                continue;
            }
            wordsSinceNegation = wordsSinceNegation == Integer.MAX_VALUE ? wordsSinceNegation : wordsSinceNegation + 1;
            if (INTENSIFIERS.containsKey(word)) {
                intensity *= INTENSIFIERS.get(word);
                continue;
            }
            Double weight = WORDS.get(word);
            if (weight == null) {
                continue;
            }
            double value = weight * intensity;
            if (original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT))) {
                value *= SHOUTED;
            }
            if (wordsSinceNegation <= NEGATION_REACH) {
                value *= NEGATED;
            }
            sum += value;
            intensity = 1;
        }
        if (EXCLAMATIONS.matcher(text).find()) {
            sum *= SHOUTED;
        }
        return sum / Math.sqrt(sum * sum + SQUASH);
    }
}
