package io.continuum.knowledge;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of an article. Only published articles are searched. A draft is published or dropped
 * (archived); a published article is archived when it no longer applies; an archived one can be
 * brought back, as a draft to rework or straight to published.
 */
public enum ArticleStatus {
    DRAFT,
    PUBLISHED,
    ARCHIVED;

    public Set<ArticleStatus> allowedNext() {
        return switch (this) {
            case DRAFT -> EnumSet.of(PUBLISHED, ARCHIVED);
            case PUBLISHED -> EnumSet.of(ARCHIVED);
            case ARCHIVED -> EnumSet.of(DRAFT, PUBLISHED);
        };
    }

    /** Staying in the same status is always allowed: an edit of the text. */
    public boolean canMoveTo(ArticleStatus next) {
        return next == this || allowedNext().contains(next);
    }

    public String wireName() {
        return name().toLowerCase();
    }

    public static ArticleStatus fromWire(String value) {
        return valueOf(value.trim().toUpperCase());
    }
}
