package io.continuum.knowledge;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One version of an article, written once by one edit. The database indexes it for search
 * (columns {@code search_config} and {@code search_vector}, see V5__knowledge_base.sql).
 */
@Entity
@Immutable
@Table(name = "kb_article_version")
@IdClass(ArticleVersion.Key.class)
public class ArticleVersion extends PanacheEntityBase {

    @Id
    public UUID articleId;
    @Id
    public int version;
    public String title;
    /** Markdown. */
    public String body;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();
    /** A BCP 47 language tag, lower case: en, es, pt-br. */
    public String locale;
    public String status;
    public String author;
    /** What the edit changed, in the author's words; optional. */
    public String note;
    public Instant createdAt;

    public ArticleStatus articleStatus() {
        return ArticleStatus.fromWire(status);
    }

    public static class Key implements Serializable {
        public UUID articleId;
        public int version;

        public Key() {
        }

        public Key(UUID articleId, int version) {
            this.articleId = articleId;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.version == version && Objects.equals(key.articleId, articleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(articleId, version);
        }
    }
}
