package io.continuum.knowledge;

import io.continuum.platform.AdvisoryLocks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a handful of published help-center articles at first start (when the knowledge base is
 * empty and {@code continuum.demo-data} is on), so search and the first-contact AI have something
 * to find. The articles are Markdown files under {@code knowledge/demo/} with a small header.
 */
@ApplicationScoped
public class KnowledgeDemoArticles {

    private static final Logger LOG = Logger.getLogger(KnowledgeDemoArticles.class);
    private static final String FOLDER = "knowledge/demo/";
    private static final List<String> FILES = List.of(
            "export-invoices-as-csv.md",
            "reset-your-password.md",
            "two-step-verification.md",
            "update-your-payment-method.md",
            "when-will-i-get-my-refund.md",
            "talk-to-a-person.md",
            "my-card-has-not-arrived.md",
            "charged-twice.md",
            "restablecer-tu-contrasena.md");

    private final KnowledgeBase knowledgeBase;
    private final AdvisoryLocks locks;
    private final boolean enabled;

    KnowledgeDemoArticles(KnowledgeBase knowledgeBase, AdvisoryLocks locks,
                          @ConfigProperty(name = "continuum.demo-data") boolean enabled) {
        this.knowledgeBase = knowledgeBase;
        this.locks = locks;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent start) {
        if (enabled) {
            QuarkusTransaction.requiringNew().run(this::loadIntoEmptyKnowledgeBase);
        }
    }

    private void loadIntoEmptyKnowledgeBase() {
        // two nodes starting together must not both load
        locks.lock("kb-demo-articles");
        if (Article.count() > 0) {
            return;
        }
        List<KnowledgeBase.NewArticle> articles = articles();
        articles.forEach(article -> knowledgeBase.create(article, "demo"));
        LOG.infof("Demo knowledge base loaded: %d articles", articles.size());
    }

    static List<KnowledgeBase.NewArticle> articles() {
        return FILES.stream().map(file -> parse(read(FOLDER + file))).toList();
    }

    /**
     * A demo article file: a header between two "---" lines ({@code title}, {@code tags} separated by
     * commas, {@code locale}, optional {@code slug}), then the Markdown body. Demo articles are published.
     */
    static KnowledgeBase.NewArticle parse(String file) {
        String[] parts = file.split("(?m)^---\\s*$", 3);
        if (parts.length < 3 || !parts[0].isBlank()) {
            throw new IllegalArgumentException("A demo article starts with a header between two --- lines");
        }
        Map<String, String> header = new LinkedHashMap<>();
        for (String line : parts[1].strip().split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("Header line without a colon: " + line);
            }
            header.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        List<String> tags = Arrays.stream(header.getOrDefault("tags", "").split(","))
                .map(String::strip).filter(tag -> !tag.isEmpty()).toList();
        return new KnowledgeBase.NewArticle(header.get("title"), parts[2].strip() + "\n", tags, header.get("locale"),
                ArticleStatus.PUBLISHED.wireName(), header.get("slug"));
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing demo article " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
