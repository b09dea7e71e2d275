package io.continuum.templates;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Customer communications as supervisors wrote them: stored in the database, edited through the API,
 * rendered in the customer's language with English as the fallback. Unknown placeholders render empty,
 * so a supervisor's typo never leaks "{{...}}" to a customer.
 */
@ApplicationScoped
public class CommunicationTemplates {

    public static final String FALLBACK_LANGUAGE = "en";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    private final AuditTrail audit;
    private final Clock clock;

    CommunicationTemplates(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<CommunicationTemplate> find(String name, String language) {
        return CommunicationTemplate.<CommunicationTemplate>find("name = ?1 and language = ?2", name, language)
                .firstResultOptional();
    }

    public List<CommunicationTemplate> versionsOf(String name) {
        return CommunicationTemplate.list("name = ?1 order by language", name);
    }

    @Transactional
    public CommunicationTemplate save(String name, String language, String body, String supervisor) {
        CommunicationTemplate template = find(name, language).orElseGet(() -> {
            CommunicationTemplate created = new CommunicationTemplate();
            created.name = name;
            created.language = language;
            return created;
        });
        String before = template.body;
        template.body = body;
        template.updatedBy = supervisor;
        template.updatedAt = clock.instant();
        template.persist();
        audit.record("communication-template", auditId(name, language), "edited", Actor.human(supervisor),
                before == null ? null : Map.of("name", name, "language", language, "body", before),
                Map.of("name", name, "language", language, "body", body));
        return template;
    }

    /** Templates have names, not ids; the audit log keys them by a UUID derived from name and language. */
    static UUID auditId(String name, String language) {
        return UUID.nameUUIDFromBytes(("communication-template:" + name + ":" + language).getBytes(StandardCharsets.UTF_8));
    }

    /** The named text in the language, else in English; placeholders filled from {@code values}. */
    public String render(String name, String language, Map<String, String> values) {
        CommunicationTemplate template = find(name, language == null ? FALLBACK_LANGUAGE : language)
                .or(() -> find(name, FALLBACK_LANGUAGE))
                .orElseThrow(() -> new IllegalStateException("No template " + name + " in " + FALLBACK_LANGUAGE));
        return fill(template.body, values);
    }

    /**
     * A text with its placeholders ({@code {{caseId}}}, {@code {{customer.name}}}) filled from {@code values};
     * an unknown placeholder renders empty.
     */
    public static String fill(String body, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(body);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(text, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(text);
        return text.toString().replaceAll("[ \\t]{2,}", " ").trim();
    }
}
