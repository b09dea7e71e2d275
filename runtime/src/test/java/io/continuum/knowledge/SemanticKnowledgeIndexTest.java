package io.continuum.knowledge;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SemanticKnowledgeIndexTest {

    @Test
    void theTitleWithItsTagsIsTheFirstPassageAndParagraphsFollowWithoutMarkup() {
        List<String> passages = SemanticKnowledgeIndex.passages("Reset your password", List.of("login", "account"),
                "## Steps\n\n1. Open **Settings**\n2. Choose `Reset`\n\nDone.");
        assertThat(passages).containsExactly("Reset your password (login, account)", "Steps 1. Open Settings 2. Choose Reset Done.");
    }

    @Test
    void longBodiesAreCutIntoPassagesOfBoundedLengthAndCount() {
        String paragraph = "word ".repeat(100).strip();
        List<String> passages = SemanticKnowledgeIndex.passages("Title", List.of(), (paragraph + "\n\n").repeat(40));
        assertThat(passages).hasSize(SemanticKnowledgeIndex.MAX_PASSAGES);
        assertThat(passages.subList(1, passages.size()))
                .allSatisfy(passage -> assertThat(passage.length()).isLessThanOrEqualTo(SemanticKnowledgeIndex.PASSAGE_CHARS));
    }

    @Test
    void similarityBecomesAScoreComparableWithTheFullTextOne() {
        assertThat(KnowledgeSearch.semanticScore(0.2)).isZero();
        assertThat(KnowledgeSearch.semanticScore(0.35)).isZero();
        assertThat(KnowledgeSearch.semanticScore(0.45)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(KnowledgeSearch.semanticScore(0.6)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(KnowledgeSearch.semanticScore(0.95)).isEqualTo(1.0);
    }
}
