package io.continuum.knowledge;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo articles parse into valid, published articles; slugs come out as expected. No Quarkus needed. */
class KnowledgeDemoArticlesTest {

    @Test
    void everyDemoArticleHasATitleTagsALocaleAndANonEmptyMarkdownBody() {
        List<KnowledgeBase.NewArticle> articles = KnowledgeDemoArticles.articles();
        assertThat(articles).hasSizeGreaterThanOrEqualTo(8);
        assertThat(articles).allSatisfy(article -> {
            assertThat(article.title()).isNotBlank().doesNotContain("---");
            assertThat(article.tags()).isNotEmpty();
            assertThat(article.locale()).isIn("en", "es");
            assertThat(article.status()).isEqualTo("published");
            assertThat(article.body()).isNotBlank().doesNotStartWith("title:");
        });
        assertThat(articles).extracting(KnowledgeBase.NewArticle::title)
                .doesNotHaveDuplicates()
                .contains("Export your invoices as a CSV file", "Restablecer tu contraseña");
        assertThat(articles).extracting(article -> article.slug() == null ? Slugs.of(article.title()) : article.slug())
                .doesNotHaveDuplicates()
                .allSatisfy(slug -> assertThat(Slugs.isValid(slug)).as(slug).isTrue());
    }

    @Test
    void headerFieldsAndBodyAreSeparated() {
        var article = KnowledgeDemoArticles.parse("""
                ---
                title: Update your payment method
                tags: billing, payment ,card
                locale: en
                slug: payment-method
                ---
                1. Open **Billing**.
                ---
                2. Select *Add*.
                """);
        assertThat(article.title()).isEqualTo("Update your payment method");
        assertThat(article.tags()).containsExactly("billing", "payment", "card");
        assertThat(article.slug()).isEqualTo("payment-method");
        assertThat(article.body()).isEqualTo("1. Open **Billing**.\n---\n2. Select *Add*.\n");
        assertThatThrownBy(() -> KnowledgeDemoArticles.parse("title: no header"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slugsAreLowerCaseAsciiWordsJoinedByHyphens() {
        assertThat(Slugs.of("Charged twice? What happens next")).isEqualTo("charged-twice-what-happens-next");
        assertThat(Slugs.of("¿Cómo restablezco mi contraseña?")).isEqualTo("como-restablezco-mi-contrasena");
        assertThat(Slugs.of("My card hasn't arrived")).isEqualTo("my-card-hasnt-arrived");
        assertThat(Slugs.of("Set up 2FA — (two-step)")).isEqualTo("set-up-2fa-two-step");
        assertThat(Slugs.of("Пароль")).isEmpty();
        assertThat(Slugs.of("word ".repeat(40))).hasSizeLessThanOrEqualTo(80).doesNotEndWith("-").endsWith("word");
        assertThat(Slugs.isValid("reset-password")).isTrue();
        assertThat(Slugs.isValid("Reset--password")).isFalse();
    }
}
