package io.continuum.connectors.channel;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever text arrives, what is stored holds no NUL and no half character, and clean text is kept as it is. */
class StorableTextPropertyTest {

    @Property(tries = 2000)
    void cleanedTextHasNoNulAndNoLoneSurrogate(@ForAll String text) {
        String cleaned = StorableText.clean(text);

        assertThat(cleaned).doesNotContain("\u0000");
        for (int i = 0; i < cleaned.length(); i++) {
            char c = cleaned.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < cleaned.length() && Character.isLowSurrogate(cleaned.charAt(i + 1))).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).isFalse();
            }
        }
        assertThat(StorableText.clean(cleaned)).isEqualTo(cleaned);
    }

    @Property(tries = 1000)
    void textWithoutNulOrHalfCharactersIsKeptExactly(@ForAll String text) {
        String wellFormed = text.codePoints().filter(c -> c != 0 && !(c >= 0xD800 && c <= 0xDFFF))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

        assertThat(StorableText.clean(wellFormed)).isSameAs(wellFormed);
    }
}
