package io.continuum.firstcontact;

import io.continuum.knowledge.KnowledgeBase;
import io.continuum.knowledge.KnowledgeSearch;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Turns a knowledge article into a chat-sized answer: its steps (the numbered or bulleted lines
 * of the article, at most eight) and a link to the whole article. Nothing is made up: every line
 * comes from the published article.
 */
@ApplicationScoped
public class KnowledgeAnswers {

    private static final int MAX_STEPS = 8;

    private final KnowledgeBase knowledgeBase;
    private final GenerativePhrasing phrasing;

    KnowledgeAnswers(KnowledgeBase knowledgeBase, GenerativePhrasing phrasing) {
        this.knowledgeBase = knowledgeBase;
        this.phrasing = phrasing;
    }

    /**
     * The answer to {@code question} from the article, worded for the customer's language: its steps, or a model's
     * phrasing of them when one is configured.
     */
    public String answer(String question, KnowledgeSearch.KnowledgeMatch match, CustomerWording wording) {
        String body = knowledgeBase.find(match.id()).map(snapshot -> snapshot.version().body).orElse("");
        String answer = phrasing.phrase(question, match.title(), body, steps(match, body, wording));
        return answer.contains(match.url()) ? answer : answer + "\n" + wording.fullArticle() + " " + match.url();
    }

    private static String steps(KnowledgeSearch.KnowledgeMatch match, String body, CustomerWording wording) {
        List<String> steps = body.lines().map(String::strip)
                .filter(line -> line.matches("^(\\d+[.)]|[-*])\\s+.+"))
                .limit(MAX_STEPS)
                .map(line -> line.replace("**", ""))
                .toList();
        StringBuilder reply = new StringBuilder(wording.stepsFrom().formatted(match.title())).append('\n');
        if (steps.isEmpty()) {
            reply.append(match.snippet().replace("**", "")).append('\n');
        } else {
            steps.forEach(step -> reply.append(step).append('\n'));
        }
        return reply.append(wording.fullArticle()).append(' ').append(match.url()).toString();
    }
}
