-- Knowledge base: help-center articles with their full version history, and PostgreSQL
-- full-text search over the current version of each article.

-- An article is its identity (id, a slug that never changes) and a pointer to its current version;
-- everything an edit can change lives in the version rows.
CREATE TABLE kb_article (
    id              uuid PRIMARY KEY,
    slug            text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    current_version integer     NOT NULL,
    author          text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX kb_article_created_idx ON kb_article (created_at DESC, id DESC);

-- Every edit adds a row; rows are never changed afterwards.
CREATE TABLE kb_article_version (
    article_id      uuid        NOT NULL REFERENCES kb_article (id),
    version         integer     NOT NULL CHECK (version > 0),
    title           text        NOT NULL,
    body            text        NOT NULL,
    tags            text[]      NOT NULL DEFAULT '{}',
    locale          text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    author          text        NOT NULL,
    note            text,
    created_at      timestamptz NOT NULL,
    -- filled by the trigger below: the text search configuration of the locale, and the weighted document
    search_config   regconfig   NOT NULL DEFAULT 'simple',
    search_vector   tsvector    NOT NULL DEFAULT ''::tsvector,
    PRIMARY KEY (article_id, version)
);
CREATE INDEX kb_article_version_search_idx ON kb_article_version USING gin (search_vector);
CREATE INDEX kb_article_version_tags_idx ON kb_article_version USING gin (tags);

-- The article's current version must exist by the end of the transaction that points at it.
ALTER TABLE kb_article
    ADD CONSTRAINT kb_article_current_version_fk FOREIGN KEY (id, current_version)
        REFERENCES kb_article_version (article_id, version) DEFERRABLE INITIALLY DEFERRED;

-- The PostgreSQL text search configuration of a locale: the Snowball stemmer of its language
-- ('en-GB' -> english, 'es' -> spanish) when this server has it, 'simple' (no stemming, no stop words) otherwise.
CREATE FUNCTION kb_search_config(locale text) RETURNS regconfig
    LANGUAGE sql STABLE AS
$$
SELECT coalesce(
    (SELECT c.oid::regconfig
       FROM (VALUES ('ar', 'arabic'), ('hy', 'armenian'), ('eu', 'basque'), ('ca', 'catalan'), ('da', 'danish'),
                    ('nl', 'dutch'), ('en', 'english'), ('fi', 'finnish'), ('fr', 'french'), ('de', 'german'),
                    ('el', 'greek'), ('hi', 'hindi'), ('hu', 'hungarian'), ('id', 'indonesian'), ('ga', 'irish'),
                    ('it', 'italian'), ('lt', 'lithuanian'), ('ne', 'nepali'), ('no', 'norwegian'),
                    ('nb', 'norwegian'), ('nn', 'norwegian'), ('pt', 'portuguese'), ('ro', 'romanian'),
                    ('ru', 'russian'), ('sr', 'serbian'), ('es', 'spanish'), ('sv', 'swedish'), ('ta', 'tamil'),
                    ('tr', 'turkish'), ('yi', 'yiddish')) AS language (code, config)
       JOIN pg_ts_config c ON c.cfgname = language.config AND c.cfgnamespace = 'pg_catalog'::regnamespace
      WHERE language.code = lower(split_part(replace(locale, '_', '-'), '-', 1))),
    'simple'::regconfig)
$$;

-- The searchable document of a version: title weighted A, tags B, body C.
CREATE FUNCTION kb_article_version_index() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.search_config := kb_search_config(NEW.locale);
    NEW.search_vector := setweight(to_tsvector(NEW.search_config, NEW.title), 'A')
                      || setweight(to_tsvector(NEW.search_config, array_to_string(NEW.tags, ' ')), 'B')
                      || setweight(to_tsvector(NEW.search_config, NEW.body), 'C');
    RETURN NEW;
END
$$;

CREATE TRIGGER kb_article_version_index
    BEFORE INSERT OR UPDATE OF title, body, tags, locale ON kb_article_version
    FOR EACH ROW EXECUTE FUNCTION kb_article_version_index();
