package io.continuum.firstcontact;

import io.continuum.platform.SentenceEmbeddings;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The classifier on the product's built-in examples only, with messages that are not among them.
 * A @QuarkusTest only so the ONNX tokenizer's native library is loaded by the application's class
 * loader, which the other tests of the same JVM share (a JNI library binds to one class loader).
 */
@QuarkusTest
class IntentClassifierTest {

    private static IntentClassifier classifier;

    @BeforeAll
    static void loadBuiltinExamples() throws IOException {
        classifier = new IntentClassifier(new SentenceEmbeddings());
        try (InputStream in = IntentClassifierTest.class.getClassLoader().getResourceAsStream(IntentExamples.BUILTIN_EXAMPLES)) {
            classifier.add(ExampleImport.fromCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            How can I change the billing address on my invoices?            | how_to_guidance
            Is there a way to add my colleague to our team plan?            | how_to_guidance
            I can't log in, the password reset email never comes            | account_access_issue
            My account is locked and I need access today                    | account_access_issue
            The payment for my order failed twice at checkout               | transaction_system_failure
            My transfer to my sister has been pending for three days        | transaction_system_failure
            The app crashes whenever I open the settings page               | bug_technical_defect
            The export to PDF produces an empty file                        | bug_technical_defect
            Somebody used my credit card for purchases I did not make       | urgent_high_risk
            My account was hacked and the password was changed              | urgent_high_risk
            hi there                                                        | noise_low_intent
            thank you so much, bye                                          | noise_low_intent
            """)
    void namesTheIntentOfClearMessages(String text, String intent) {
        assertThat(classifier.classify(text).intent().wireName()).isEqualTo(intent);
    }

    @Test
    void isLessConfidentAboutGibberishThanAboutClearText() {
        double clear = classifier.classify("I forgot my password and cannot sign in").confidence();
        double gibberish = classifier.classify("zxqv blorp wemmet trundle fasp").confidence();
        assertThat(clear).isBetween(0.0, 1.0);
        assertThat(gibberish).isBetween(0.0, 1.0).isLessThan(clear);
    }

    @Test
    void aMessageOfTensOfThousandsOfCharactersWithoutSpacesReachesTheModelBoundedAndIsClassified() {
        String pathological = "Qx7".repeat(65_536 / 3) + " help " + "z".repeat(20_000);
        String modelInput = SentenceEmbeddings.modelInput(pathological);
        assertThat(modelInput.length()).isLessThanOrEqualTo(SentenceEmbeddings.MAX_MODEL_INPUT);
        assertThat(modelInput.split(" ")).containsExactly("Qx7".repeat(14).substring(0, SentenceEmbeddings.MAX_WORD),
                "help", "z".repeat(SentenceEmbeddings.MAX_WORD));
        IntentPrediction prediction = classifier.classify(pathological);
        assertThat(prediction.confidence()).isBetween(0.0, IntentClassifier.MAX_CONFIDENCE);
        assertThat(SentenceEmbeddings.modelInput("  How   do I\tpay?\n")).isEqualTo("How do I pay?");
    }

    @Test
    void aGuessFarFromEveryExampleIsNeverCertain() {
        assertThat(classifier.classify("\u200B\u2060").confidence()).as("nothing to read: a sixth, halved").isLessThan(0.1);
        assertThat(classifier.classify("It still fails, this is a bit annoying").confidence())
                .as("which of several intents").isLessThan(0.45);
        assertThat(classifier.classify("My card was stolen this morning").confidence())
                .as("even an example itself").isEqualTo(IntentClassifier.MAX_CONFIDENCE);
        assertThat(IntentClassifier.calibrated(1.0, 1.0)).isEqualTo(IntentClassifier.MAX_CONFIDENCE);
        assertThat(IntentClassifier.calibrated(1.0, IntentClassifier.SUPPORT_MIDPOINT)).isEqualTo(0.5);
        assertThat(IntentClassifier.calibrated(1.0, -0.5)).as("pointing away from every example").isLessThan(0.05);
    }

    @Test
    void moneyOrFraudNeighboursVoteP0() {
        IntentPrediction stolen = classifier.classify("a stranger took money out of my account");
        IntentPrediction howTo = classifier.classify("how do I change the language of the app");
        assertThat(stolen.p0Likelihood()).isGreaterThanOrEqualTo(RiskSignals.P0_LIKELIHOOD_THRESHOLD);
        assertThat(howTo.p0Likelihood()).isLessThan(RiskSignals.P0_LIKELIHOOD_THRESHOLD);
        assertThat(classifier.classify("\u200B\u2060").p0Likelihood()).as("nothing to read, no neighbour to vote").isZero();
    }

    /**
     * P0 means money missing or duplicated, fraud or a takeover: a fee someone did not expect or a refund
     * that is on its way is a question or a failed transaction, not an emergency page.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            My friend never received the 200 euros I sent on Monday                | true
            Someone has my phone and the bank app is logged in                     | true
            Please block everything on my account right now                        | true
            Why did I pay a fee for getting cash from the machine?                 | false
            The shop said it refunded me last week and I still can't see the money | false
            I moved funds in from my other bank yesterday and my balance is still the same | true
            My top-up bounced back to my card                                      | false
            How long do international transfers usually take?                     | false
            """)
    void neighboursVoteP0OnlyWhenMoneyIsMissingOrTrustIsAtStake(String text, boolean p0) {
        assertThat(classifier.classify(text).p0Likelihood() >= RiskSignals.P0_LIKELIHOOD_THRESHOLD).isEqualTo(p0);
    }

    @Test
    void learnsFromAddedExamplesWithoutReembeddingTheOthers() {
        IntentClassifier fresh = new IntentClassifier(new SentenceEmbeddings());
        assertThatThrownBy(() -> fresh.classify("hello")).isInstanceOf(IllegalStateException.class);
        fresh.add(List.of(new LabelledExample("hello there", Intent.NOISE_LOW_INTENT, false),
                new LabelledExample("my card was stolen", Intent.URGENT_HIGH_RISK, true)));
        assertThat(fresh.classify("someone stole my card").intent()).isEqualTo(Intent.URGENT_HIGH_RISK);
        fresh.add(List.of(new LabelledExample("the app crashes on start", Intent.BUG_TECHNICAL_DEFECT, false)));
        assertThat(fresh.size()).isEqualTo(3);
        assertThat(fresh.classify("the application crashes when it starts").intent()).isEqualTo(Intent.BUG_TECHNICAL_DEFECT);
    }
}
