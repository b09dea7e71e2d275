package io.continuum.knowledge;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A help-center article: a stable identity and slug, pointing at its current version. What an
 * edit changes (title, body, tags, locale, status) lives in {@link ArticleVersion}.
 */
@Entity
@Table(name = "kb_article")
public class Article extends PanacheEntityBase {

    /** Where the help center shows an article; the slug never changes once given. */
    public static final String PUBLIC_PATH = "/kb/";

    @Id
    public UUID id;
    public String slug;
    public int currentVersion;
    /** Who created the article; each version names who wrote it. */
    public String author;
    public Instant createdAt;
    public Instant updatedAt;

    public String url() {
        return PUBLIC_PATH + slug;
    }
}
