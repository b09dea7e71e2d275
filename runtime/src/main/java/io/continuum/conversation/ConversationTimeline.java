package io.continuum.conversation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.connectors.channel.NormalizedMessage;
import io.continuum.consent.ConsentRecord;
import io.continuum.consent.Consents;
import io.continuum.conversation.attachment.ObjectStore;
import io.continuum.platform.AdvisoryLocks;
import io.continuum.platform.NativeStatements;
import io.continuum.privacy.SealedFiles;
import io.continuum.privacy.SealedJson;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The timeline of conversations: where an inbound message belongs, messages in and out, internal
 * notes, the AI's annotations and delivery statuses. Nothing here deletes anything.
 */
@ApplicationScoped
public class ConversationTimeline {

    private static final TypeReference<Map<String, Object>> ANNOTATIONS = new TypeReference<>() {
    };

    private final ConversationConfig config;
    private final Conversations conversations;
    private final AdvisoryLocks locks;
    private final AuditTrail audit;
    private final ObjectStore objectStore;
    private final SealedFiles sealedFiles;
    private final Clock clock;
    private final ObjectMapper objectMapper;
    private final SearchTerms searchTerms;
    private final Consents consents;
    private final SealedJson sealedJson;

    ConversationTimeline(ConversationConfig config, Conversations conversations, AdvisoryLocks locks, AuditTrail audit,
                         ObjectStore objectStore, SealedFiles sealedFiles, Clock clock, ObjectMapper objectMapper,
                         SearchTerms searchTerms, Consents consents, SealedJson sealedJson) {
        this.config = config;
        this.sealedJson = sealedJson;
        this.consents = consents;
        this.conversations = conversations;
        this.locks = locks;
        this.audit = audit;
        this.objectStore = objectStore;
        this.sealedFiles = sealedFiles;
        this.clock = clock;
        this.objectMapper = objectMapper;
        this.searchTerms = searchTerms;
    }

    /** The conversation an inbound message goes to, and whether it was opened for that message. */
    public record InboundConversation(Conversation conversation, boolean opened) {
    }

    /**
     * The conversation an inbound message from this customer belongs to. A reply to an earlier
     * message (e-mail In-Reply-To) lands in that message's conversation; otherwise the customer's
     * latest conversation continues, whatever the channel. A resolved conversation reopens within
     * the reopen window; after it, a new conversation starts, linked to the previous one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public InboundConversation conversationForInbound(UUID customerId, String channel, String threadRef) {
        locks.lock("conversations-of:" + customerId);
        Instant now = clock.instant();
        Optional<Conversation> candidate = Optional.ofNullable(threadRef)
                .flatMap(ref -> Message.<Message>find("externalId = ?1", ref).<Message>firstResultOptional())
                .map(message -> (Conversation) Conversation.findById(message.conversationId))
                .filter(conversation -> conversation.customerId.equals(customerId))
                .or(() -> conversations.latestOfCustomer(customerId));
        if (candidate.isPresent()) {
            // first contact and agents change the conversation all the time: locked now, the message's update
            // of it cannot meet a version another transaction committed after it was read
            Conversation conversation = conversations.lockForUpdate(candidate.get());
            boolean beyondReopenWindow = conversation.conversationState() == ConversationState.RESOLVED
                    && conversation.resolvedAt != null
                    && conversation.resolvedAt.plus(config.reopenWindow()).isBefore(now);
            if (!beyondReopenWindow) {
                return new InboundConversation(conversation, false);
            }
            return new InboundConversation(open(customerId, channel, conversation.id, now), true);
        }
        return new InboundConversation(open(customerId, channel, null, now), true);
    }

    private Conversation open(UUID customerId, String channel, UUID previousConversationId, Instant now) {
        Conversation conversation = Conversation.open(customerId, channel, previousConversationId,
                Actor.system("ingestion"), now);
        conversations.save(conversation);
        return conversation;
    }

    /** Appends an inbound message (already deduplicated) and moves the conversation to its next state. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Message appendInbound(Conversation conversation, UUID messageId, UUID customerId, NormalizedMessage inbound) {
        Instant now = clock.instant();
        Message message = new Message();
        message.id = messageId;
        message.conversationId = conversation.id;
        message.channel = inbound.channel();
        message.externalId = inbound.externalId();
        message.direction = Direction.INBOUND.wireName();
        message.write(conversation.customerId, inbound.content() == null ? "" : inbound.content());
        message.senderCustomerId = customerId;
        message.threadRef = inbound.threadRef();
        message.receivedAt = inbound.receivedAt() == null ? now : inbound.receivedAt();
        message.createdAt = now;
        message.persist();
        searchTerms.index(message);
        for (NormalizedMessage.InboundAttachment file : inbound.attachments()) {
            storeAttachment(conversation.customerId, message.id, file, now);
        }
        conversation.receive(inbound.channel(), Actor.system("ingestion"), now);
        conversations.save(conversation);
        return message;
    }

    /** A file of an inbound message that the channel could only deliver after the message was stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void attachLater(UUID messageId, NormalizedMessage.InboundAttachment file) {
        Message message = Message.findById(messageId);
        storeAttachment(conversations.require(message.conversationId).customerId, messageId, file, clock.instant());
    }

    private void storeAttachment(UUID customerId, UUID messageId, NormalizedMessage.InboundAttachment file, Instant now) {
        ObjectStore.StoredObject stored = objectStore.put(sealedFiles.seal(customerId, file.content()));
        Attachment attachment = new Attachment();
        attachment.id = UUID.randomUUID();
        attachment.messageId = messageId;
        attachment.fileName = file.fileName();
        attachment.contentType = file.contentType() == null ? "application/octet-stream" : file.contentType();
        attachment.sizeBytes = file.content().length;
        attachment.sha256 = ObjectStore.sha256(file.content());
        attachment.storageKey = stored.key();
        attachment.sealed = true;
        attachment.createdAt = now;
        attachment.persist();
    }

    /** A file of the conversation as it was sent: empty when there is no such file (or it was erased). */
    public Optional<AttachmentContent> attachment(UUID conversationId, UUID attachmentId) {
        return Attachment.<Attachment>findByIdOptional(attachmentId)
                .filter(attachment -> findMessage(attachment.messageId)
                        .filter(message -> message.conversationId.equals(conversationId)).isPresent())
                .flatMap(attachment -> objectStore.read(attachment.storageKey).flatMap(sealedFiles::open)
                        .map(content -> new AttachmentContent(attachment.fileName, attachment.contentType, content)));
    }

    /** A file's name and type as the customer sent it, and its bytes, opened. */
    public record AttachmentContent(String fileName, String contentType, byte[] content) {
    }


    /**
     * An agent's reply, queued for delivery on the named channel or the conversation's current one. A channel the
     * customer opted out of on the channel itself (texted STOP) is refused here, while the agent can still choose
     * another, instead of failing later at delivery.
     */
    @Transactional
    public Message reply(UUID conversationId, String content, Optional<String> channel, String agent) {
        return send(conversationId, content, channel, agent, Actor.human(agent), true, true);
    }

    /** A reply by the first-contact AI ({@code author} "ai:…"), already vetted by the failsafes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Message replyAutomatically(UUID conversationId, String content, String author) {
        return send(conversationId, content, Optional.empty(), author, Actor.ai(author), true, false);
    }

    /**
     * An automated message to the customer on a named channel (a Resolution's continuation channel),
     * already vetted by the failsafes; {@code author} names the automation ("system:resolution").
     * It keeps the customer informed but is no answer to them, so the conversation's state stays as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Message sendAutomatically(UUID conversationId, String content, String channel, String author, Actor actor) {
        return send(conversationId, content, Optional.ofNullable(channel), author, actor, false, false);
    }

    private Message send(UUID conversationId, String content, Optional<String> channel, String author, Actor actor,
                         boolean answersCustomer, boolean refusesOptedOutChannel) {
        return conversations.apply(conversationId, (conversation, now) -> {
            checkContent(content);
            String on = channel.orElse(conversation.currentChannel);
            if (refusesOptedOutChannel) {
                refuseIfOptedOut(conversation.customerId, on);
            }
            Message message = new Message();
            message.id = UUID.randomUUID();
            message.conversationId = conversationId;
            message.channel = on;
            message.externalId = "continuum:" + message.id;
            message.direction = Direction.OUTBOUND.wireName();
            message.write(conversation.customerId, content);
            message.author = author;
            message.deliveryStatus = "queued";
            message.receivedAt = now;
            message.createdAt = now;
            message.persist();
            searchTerms.index(message);
            conversation.answer(message.id, message.channel, author, answersCustomer, actor, now);
            return message;
        });
    }

    @Transactional
    public ConversationNote addNote(UUID conversationId, String content, String author) {
        Conversation conversation = conversations.require(conversationId);
        checkContent(content);
        ConversationNote note = new ConversationNote();
        note.id = UUID.randomUUID();
        note.conversationId = conversationId;
        note.author = author;
        note.write(conversation.customerId, content);
        note.createdAt = clock.instant();
        note.persist();
        searchTerms.index(note);
        audit.record("conversation", conversationId, "note-added", Actor.human(author), null, Map.of("noteId", note.id));
        return note;
    }

    /** The AI's reading of an inbound message, kept on the message (as its JSON) and shown in the timeline. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void annotate(UUID messageId, Object reading) {
        Message message = Message.findById(messageId);
        message.annotate(conversations.require(message.conversationId).customerId,
                objectMapper.convertValue(reading, ANNOTATIONS));
    }

    /**
     * What first contact read in an inbound message that lists and routing need without opening it: its
     * language (null when it could not tell), the classifier's intent and confidence.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setReading(UUID messageId, String language, String intent, double confidence) {
        // on the managed message, not by a bulk update: annotating it in the same transaction writes the whole row
        Message message = Message.findById(messageId);
        message.language = language;
        message.aiIntent = intent;
        message.aiConfidence = confidence;
    }

    /** Inbound messages received since {@code since} that the classifier was least sure of and no one labelled yet. */
    public List<Message> leastConfidentUnlabelledSince(Instant since, int limit) {
        return Message.<Message>find("aiConfidence is not null and labelledAt is null and createdAt >= ?1 "
                + "order by aiConfidence, createdAt desc", since).page(0, limit).list();
    }

    /** Marks the message labelled; false when someone labelled it already (one label per message). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markLabelled(UUID messageId, Instant now) {
        return Message.update("labelledAt = ?1 where id = ?2 and labelledAt is null", now, messageId) == 1;
    }

    /** Takes the labels of these messages back (the version that held them was reverted): they may be labelled again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unmarkLabelled(List<UUID> messageIds) {
        if (!messageIds.isEmpty()) {
            Message.update("labelledAt = null where id in ?1", messageIds);
        }
    }

    /** The ids of every message of these conversations. */
    public List<UUID> messageIdsOf(List<UUID> conversationIds) {
        return conversationIds.isEmpty() ? List.of() : Message.getEntityManager()
                .createQuery("select m.id from Message m where m.conversationId in ?1", UUID.class)
                .setParameter(1, conversationIds).getResultList();
    }

    /** Where a reply stands with its channel: queued, sent, retrying, failed, awaiting_visitor… */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setDeliveryStatus(UUID messageId, String status) {
        Message.update("deliveryStatus = ?1 where id = ?2", status, messageId);
    }

    /** A reply the chat could not take any more continues on another channel (e-mail). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void redirect(UUID messageId, String channel) {
        Message.update("channel = ?1 where id = ?2", channel, messageId);
    }

    /** A channel the customer opted out of on the channel itself: 409, so the person can choose another. */
    private void refuseIfOptedOut(UUID customerId, String channel) {
        Optional<ConsentRecord> optOut = consents.optOutOf(customerId, channel);
        if (optOut.isPresent()) {
            throw ProblemException.conflict("channel-opted-out", "The customer opted out of " + channel + " ("
                    + optOut.get().source + ", " + optOut.get().recordedAt + "); nothing can be sent to them on " + channel
                    + " until they opt in again. Reply on another channel.");
        }
    }

    public void checkContent(String content) {
        if (content == null || content.isBlank()) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "The message has no content")
                    .withErrors(List.of(Problem.FieldError.ofField("content", "must not be blank"))));
        }
        if (content.length() > config.maxContentLength()) {
            throw new ProblemException(Problem.of(413, "content-too-large", "Content Too Large",
                    "Content has " + content.length() + " characters; the limit is " + config.maxContentLength()));
        }
    }

    public Optional<Message> findMessage(UUID messageId) {
        return Message.findByIdOptional(messageId);
    }

    public Optional<Message> findMessage(String channel, String externalId) {
        return Message.find("channel = ?1 and externalId = ?2", channel, externalId).firstResultOptional();
    }

    /** True when some message, on any channel, carries this external id (e-mail Message-ID references). */
    public boolean knowsExternalId(String externalId) {
        return Message.count("externalId", externalId) > 0;
    }

    public List<Message> messagesOf(UUID conversationId) {
        return Message.list("conversationId = ?1 order by createdAt, id", conversationId);
    }

    /** One page of the conversation's messages, oldest first: for reading very long timelines in parts. */
    public List<Message> messagesOf(UUID conversationId, int page, int pageSize) {
        return Message.<Message>find("conversationId = ?1 order by createdAt, id", conversationId).page(page, pageSize).list();
    }

    /** The customer's first message in the conversation. */
    public Optional<Message> firstInbound(UUID conversationId) {
        return Message.<Message>find("conversationId = ?1 and direction = ?2 order by createdAt, id", conversationId,
                Direction.INBOUND.wireName()).firstResultOptional();
    }

    /**
     * The latest exchange with the customer: when they last wrote and the sentiment the AI read in that message
     * (null when it read none), and when we last wrote to them, leaving out what {@code author} wrote (an
     * automation's own messages); null for what never happened.
     */
    public record LatestExchange(Instant lastInboundAt, Double lastInboundSentiment, Instant lastOutboundAt) {
    }

    /**
     * One statement, and no message loaded: only the latest inbound message's reading is opened, not its text,
     * and no entity joins the session for every later flush of the caller's transaction to check.
     */
    public LatestExchange latestExchange(UUID conversationId, String author) {
        Object[] row = (Object[]) NativeStatements.touching(Message.getEntityManager(), """
                        SELECT inbound.created_at AS last_inbound_at, inbound.ai_annotations AS last_inbound_reading,
                            (SELECT max(outbound.created_at) FROM message outbound WHERE outbound.conversation_id = ?1
                                AND outbound.direction = ?3 AND (outbound.author IS NULL OR outbound.author <> ?4))
                                AS last_outbound_at
                        FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT created_at, ai_annotations FROM message
                            WHERE conversation_id = ?1 AND direction = ?2 ORDER BY created_at DESC, id DESC LIMIT 1)
                            AS inbound ON true""", "message")
                .unwrap(NativeQuery.class)
                .addScalar("last_inbound_at", Instant.class)
                .addScalar("last_inbound_reading", String.class)
                .addScalar("last_outbound_at", Instant.class)
                .setParameter(1, conversationId).setParameter(2, Direction.INBOUND.wireName())
                .setParameter(3, Direction.OUTBOUND.wireName()).setParameter(4, author)
                .getSingleResult();
        Double sentiment = Optional.ofNullable((String) row[1]).flatMap(sealedJson::open)
                .map(reading -> reading.get("sentiment")).filter(Number.class::isInstance)
                .map(value -> ((Number) value).doubleValue()).orElse(null);
        return new LatestExchange((Instant) row[0], sentiment, (Instant) row[2]);
    }

    public Optional<Message> latestMessageOf(UUID conversationId) {
        return Message.<Message>find("conversationId = ?1 order by createdAt desc", conversationId).firstResultOptional();
    }

    /** The last {@code limit} messages of the conversation, oldest first. */
    public List<Message> latestMessagesOf(UUID conversationId, int limit) {
        List<Message> latest = new ArrayList<>(Message.<Message>find("conversationId = ?1 order by createdAt desc",
                conversationId).page(0, limit).list());
        Collections.reverse(latest);
        return latest;
    }

    /** The conversation's other messages on one channel, oldest first: a reply's thread there. */
    public List<Message> threadOnChannel(Message message, String channel) {
        return Message.list("conversationId = ?1 and channel = ?2 and id <> ?3 order by createdAt",
                message.conversationId, channel, message.id);
    }

    public List<Attachment> attachmentsOf(List<UUID> messageIds) {
        return messageIds.isEmpty() ? List.of() : Attachment.list("messageId in ?1 order by createdAt", messageIds);
    }

    /** One page of the files sent in the conversation, oldest first. */
    public List<Attachment> attachmentsOf(UUID conversationId, int page, int pageSize) {
        return Attachment.<Attachment>find("messageId in (select m.id from Message m where m.conversationId = ?1) "
                + "order by createdAt, id", conversationId).page(page, pageSize).list();
    }

    /**
     * The bytes of a file, opened (whole: a file is at most the upload limit); empty when they are gone (erased,
     * or lost from the store).
     */
    public Optional<InputStream> fileOf(Attachment attachment) {
        return objectStore.read(attachment.storageKey).flatMap(sealedFiles::open).map(ByteArrayInputStream::new);
    }

    public List<ConversationNote> notesOf(UUID conversationId) {
        return ConversationNote.list("conversationId = ?1 order by createdAt", conversationId);
    }
}
