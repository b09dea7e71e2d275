package io.continuum.firstcontact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectionTest {

    private static final LanguageDetection LANGUAGES = new LanguageDetection();

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            The checkout page shows an error every time I try to pay            | en
            Hola, no puedo iniciar sesión desde ayer, ¿me pueden ayudar?        | es
            Ich kann mich seit gestern nicht mehr in mein Konto einloggen       | de
            Bonjour, ma carte a été refusée lors du paiement en ligne           | fr
            Olá, fui cobrado duas vezes pela mesma encomenda                    | pt
            Buongiorno, l'applicazione si chiude quando apro le impostazioni     | it
            """)
    void namesTheLanguageOfASentence(String text, String language) {
        assertThat(LANGUAGES.of(text)).contains(language);
    }

    @Test
    void doesNotGuessFromAWordOrTwo() {
        assertThat(LANGUAGES.of("ok thanks")).isEmpty();
        assertThat(LANGUAGES.of("hola")).isEmpty();
        assertThat(LANGUAGES.of("")).isEmpty();
        assertThat(LANGUAGES.of(null)).isEmpty();
        assertThat(LANGUAGES.of("12345 6789 !!!")).isEmpty();
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            How do I export zx3a038a84 reports?                                 | en
            How do I export zxd8d1a04f reports?                                 | en
            How do I export zxe63e0461 reports?                                 | en
            Where is my order 7f3e9a1c-22b4? It was due on 2026-12-01 and the tracking page has not changed since | en
            Hola, mi pedido AB-99817 no ha llegado todavía y el enlace https://acme.example/o/1 no funciona, ¿me pueden ayudar? | es
            """)
    void judgesTheWordsNotTheCodesBetweenThem(String text, String language) {
        assertThat(LANGUAGES.of(text)).contains(language);
    }

    @Test
    void codesAloneTellNoLanguage() {
        assertThat(LANGUAGES.of("zx3a038a84 INV-2291 https://acme.example/x @acme #4411 ana@example.com")).isEmpty();
    }

    @Test
    void readsABoundedStart() {
        String spanishThenNoise = "Hola, no puedo iniciar sesión desde ayer, ¿me pueden ayudar? " + "x".repeat(100_000);
        assertThat(LANGUAGES.of(spanishThenNoise)).contains("es");
    }
}
