package io.continuum.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.audit.Actor;
import io.continuum.audit.AuditEntry;
import io.continuum.audit.AuditTrail;
import io.continuum.consent.Consents;
import io.continuum.conversation.Attachment;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.ConversationTimeline;
import io.continuum.conversation.Conversations;
import io.continuum.conversation.Message;
import io.continuum.decisions.DecisionExplanation;
import io.continuum.decisions.DecisionService;
import io.continuum.identity.Customer;
import io.continuum.identity.CustomerIdentifier;
import io.continuum.identity.CustomerMerge;
import io.continuum.identity.IdentityService;
import io.continuum.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Everything Continuum holds about a customer, as one zip archive written as it is read:
 * {@code customer.json} (profile, identifiers, merges, consents), {@code conversations.json} (every
 * conversation with every message, its attachments' metadata and path in the archive, and every decision
 * made about it with its explanation), {@code audit.json} (the audit entries about the customer and their
 * conversations) and {@code attachments/<id>/<file name>} (the files themselves). Messages, files and audit
 * entries are read a page at a time, each page in a transaction of its own, so a customer with 100,000
 * messages never has them all in memory. Internal notes are the team's, never shown to the customer, and are
 * not part of it.
 */
@ApplicationScoped
public class CustomerExport {

    static final int PAGE = 500;
    private static final Logger LOG = Logger.getLogger(CustomerExport.class);

    private final IdentityService identity;
    private final Conversations conversations;
    private final ConversationTimeline timeline;
    private final DecisionService decisions;
    private final Consents consents;
    private final AuditTrail audit;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    CustomerExport(IdentityService identity, Conversations conversations, ConversationTimeline timeline,
                   DecisionService decisions, Consents consents, AuditTrail audit, ObjectMapper objectMapper,
                   Clock clock) {
        this.identity = identity;
        this.conversations = conversations;
        this.timeline = timeline;
        this.decisions = decisions;
        this.consents = consents;
        this.audit = audit;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    public record Profile(UUID id, String displayName, String company, String tier, List<String> tags,
                          List<String> segments, List<String> riskFlags, Map<String, Object> metadata, boolean anonymous,
                          UUID mergedInto, Instant createdAt, Instant updatedAt, Instant erasedAt) {
    }

    public record IdentifierRecord(String kind, String network, String value, boolean verified, Instant createdAt) {
    }

    public record MergeRecord(UUID id, UUID survivingId, UUID mergedId, String reason, String actor, Instant mergedAt,
                              Instant unmergedAt) {
    }

    public record ConversationRecord(UUID id, String state, List<String> channelsUsed, String queue, String severity,
                                     String intent, Instant createdAt, Instant lastMessageAt, Instant resolvedAt,
                                     UUID previousConversationId) {
    }

    /** A file's metadata and where the archive holds its bytes. */
    public record AttachmentRecord(UUID id, String fileName, String contentType, long sizeBytes, String sha256,
                                   String path) {
    }

    public record MessageRecord(UUID id, String direction, String channel, String content, String author,
                                Instant receivedAt, Instant createdAt, String deliveryStatus,
                                List<AttachmentRecord> attachments) {
    }

    public record AuditRecord(long id, String entityType, UUID entityId, String action, String actorType, String actor,
                              Map<String, Object> before, Map<String, Object> after, Instant occurredAt) {
    }

    /**
     * Audits that the person exports the customer's data and returns the profile the export starts with;
     * 404 before anything is written when the customer does not exist.
     */
    @Transactional
    public Profile start(UUID customerId, String person) {
        Customer customer = identity.find(customerId).orElseThrow(() -> ProblemException.notFound("Customer", customerId));
        audit.record("customer", customerId, "exported", Actor.human(person), null, null);
        return new Profile(customer.id, customer.displayName, customer.company, customer.tier, List.copyOf(customer.tags),
                List.copyOf(customer.segments), List.copyOf(customer.riskFlags), Map.copyOf(customer.metadata),
                customer.anonymous, customer.mergedInto, customer.createdAt, customer.updatedAt, customer.erasedAt);
    }

    public void write(Profile profile, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        List<UUID> conversationIds = inTransaction(() -> conversations.idsOfCustomer(profile.id()));
        try (JsonGenerator json = entry(zip, "customer.json")) {
            json.writeStartObject();
            json.writeObjectField("exportedAt", clock.instant());
            json.writeObjectField("customer", profile);
            json.writeObjectField("identifiers", inTransaction(() -> identity.identifiersOf(profile.id()).stream()
                    .map(CustomerExport::identifier).toList()));
            json.writeObjectField("merges", inTransaction(() -> identity.mergesOf(profile.id()).stream()
                    .map(CustomerExport::merge).toList()));
            json.writeObjectField("consents", inTransaction(() -> consents.overviewOf(profile.id())));
            json.writeEndObject();
        }
        zip.closeEntry();
        try (JsonGenerator json = entry(zip, "conversations.json")) {
            json.writeStartArray();
            for (UUID conversationId : conversationIds) {
                writeConversation(json, conversationId);
            }
            json.writeEndArray();
        }
        zip.closeEntry();
        try (JsonGenerator json = entry(zip, "audit.json")) {
            json.writeStartArray();
            writeAudit(json, profile.id());
            for (UUID conversationId : conversationIds) {
                writeAudit(json, conversationId);
            }
            json.writeEndArray();
        }
        zip.closeEntry();
        for (UUID conversationId : conversationIds) {
            writeFiles(zip, conversationId);
        }
        zip.finish();
    }

    /** A JSON document as the next entry of the archive; closing it leaves the archive open. */
    private JsonGenerator entry(ZipOutputStream zip, String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        return objectMapper.getFactory().createGenerator(zip).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    private void writeFiles(ZipOutputStream zip, UUID conversationId) throws IOException {
        for (int page = 0; ; page++) {
            int number = page;
            List<Attachment> files = inTransaction(() -> timeline.attachmentsOf(conversationId, number, PAGE));
            for (Attachment file : files) {
                Optional<InputStream> bytes = timeline.fileOf(file);
                if (bytes.isEmpty()) {
                    LOG.warnf("Export: the bytes of attachment %s are not in the store", file.id);
                    continue;
                }
                zip.putNextEntry(new ZipEntry(pathOf(file)));
                try (InputStream in = bytes.get()) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
            if (files.size() < PAGE) {
                return;
            }
        }
    }

    /** The file's place in the archive; its name as sent, reduced to characters that are safe in any file system. */
    static String pathOf(Attachment file) {
        String name = file.fileName == null || file.fileName.isBlank() ? "file" : file.fileName;
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
        return "attachments/" + file.id + "/" + (safe.length() > 100 ? safe.substring(safe.length() - 100) : safe);
    }

    private void writeConversation(JsonGenerator json, UUID conversationId) throws IOException {
        Conversation conversation = inTransaction(() -> conversations.require(conversationId));
        json.writeStartObject();
        json.writeObjectField("conversation", new ConversationRecord(conversation.id, conversation.state,
                List.copyOf(conversation.channelsUsed), conversation.queue, conversation.severity, conversation.intent,
                conversation.createdAt, conversation.lastMessageAt, conversation.resolvedAt,
                conversation.previousConversationId));
        json.writeArrayFieldStart("messages");
        for (int page = 0; ; page++) {
            int number = page;
            List<MessageRecord> messages = inTransaction(() -> messagePage(conversationId, number));
            for (MessageRecord message : messages) {
                json.writeObject(message);
            }
            json.flush();
            if (messages.size() < PAGE) {
                break;
            }
        }
        json.writeEndArray();
        json.writeObjectField("decisions", inTransaction(() -> decisions.decisionsOf(conversationId).stream()
                .map(DecisionExplanation::of).toList()));
        json.writeEndObject();
    }

    private List<MessageRecord> messagePage(UUID conversationId, int page) {
        List<Message> messages = timeline.messagesOf(conversationId, page, PAGE);
        List<Attachment> files = timeline.attachmentsOf(messages.stream().map(message -> message.id).toList());
        List<MessageRecord> records = new ArrayList<>(messages.size());
        for (Message message : messages) {
            List<AttachmentRecord> attachments = files.stream().filter(file -> file.messageId.equals(message.id))
                    .map(file -> new AttachmentRecord(file.id, file.fileName, file.contentType, file.sizeBytes, file.sha256,
                            pathOf(file)))
                    .toList();
            records.add(new MessageRecord(message.id, message.direction, message.channel, message.content, message.author,
                    message.receivedAt, message.createdAt, message.deliveryStatus, attachments));
        }
        return records;
    }

    private void writeAudit(JsonGenerator json, UUID entityId) throws IOException {
        long after = 0;
        while (true) {
            long from = after;
            List<AuditRecord> entries = inTransaction(() -> audit.forEntity(entityId, from, PAGE).stream()
                    .map(CustomerExport::auditRecord).toList());
            for (AuditRecord entry : entries) {
                json.writeObject(entry);
                after = entry.id();
            }
            json.flush();
            if (entries.size() < PAGE) {
                return;
            }
        }
    }

    private static IdentifierRecord identifier(CustomerIdentifier identifier) {
        return new IdentifierRecord(identifier.kind, identifier.network, identifier.value, identifier.verified,
                identifier.createdAt);
    }

    private static MergeRecord merge(CustomerMerge merge) {
        return new MergeRecord(merge.id, merge.survivingId, merge.mergedId, merge.reason, merge.actor, merge.mergedAt,
                merge.unmergedAt);
    }

    private static AuditRecord auditRecord(AuditEntry entry) {
        return new AuditRecord(entry.id, entry.entityType, entry.entityId, entry.action, entry.actorType, entry.actor,
                entry.beforeState, entry.afterState, entry.occurredAt);
    }

    /** Each part read in a transaction of its own, so what was read is let go before the next part. */
    private static <T> T inTransaction(Callable<T> read) {
        return QuarkusTransaction.requiringNew().call(read);
    }
}
