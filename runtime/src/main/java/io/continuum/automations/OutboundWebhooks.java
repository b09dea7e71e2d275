package io.continuum.automations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.connectors.meta.HubSignature;
import io.continuum.conversation.Conversation;
import io.continuum.conversation.Conversations;
import io.continuum.delivery.DeliveryConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The call-webhook action: a POST of a JSON summary of the conversation (facts, never the customer's words) to
 * a URL on {@code continuum.automations.webhook-allow-list}, signed {@code X-Continuum-Signature-256: sha256=<hex
 * HMAC-SHA256 of the body with continuum.automations.webhook-secret>}, with the call's id in
 * {@code X-Continuum-Webhook-Id} for the receiver to drop repeats. Calls are kept like replies' deliveries: an
 * attempt row is committed before the call, failures (network, 408, 429, 5xx) are retried with the delivery backoff
 * ({@code continuum.delivery.*}), and end as dead letters; any other answer but 2xx is a dead letter at once.
 */
@ApplicationScoped
public class OutboundWebhooks {

    private static final Logger LOG = Logger.getLogger(OutboundWebhooks.class);
    public static final String SIGNATURE_HEADER = "X-Continuum-Signature-256";
    public static final String ID_HEADER = "X-Continuum-Webhook-Id";
    private static final int BATCH = 20;

    /** What the receiver gets. */
    record Body(UUID webhookId, String automation, String row, String trigger, UUID eventId, int policyVersion,
                UUID decisionId, ConversationFacts conversation, Instant sentAt) {
    }

    /** The conversation as the body shows it. */
    record ConversationFacts(UUID id, String state, String channel, String queue, Integer priority, String intent,
                             String severity, List<String> tags) {
    }

    private record Call(UUID id, String url, String body, int attempt) {
    }

    private final AutomationsConfig config;
    private final DeliveryConfig delivery;
    private final Conversations conversations;
    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    OutboundWebhooks(AutomationsConfig config, DeliveryConfig delivery, Conversations conversations,
                     EntityManager entityManager, ObjectMapper objectMapper, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.delivery = delivery;
        this.conversations = conversations;
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
    }

    /** Queues the call in the caller's transaction; @return why it was refused, empty when it was queued */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> enqueue(UUID conversationId, AutomationsPolicy.Fired fired, String url,
                                    AutomationActions.Run run) {
        if (config.webhookSecret().filter(secret -> !secret.isBlank()).isEmpty()) {
            return Optional.of("no continuum.automations.webhook-secret: webhooks are off");
        }
        if (!allowed(url)) {
            return Optional.of("URL not on continuum.automations.webhook-allow-list");
        }
        Conversation conversation = conversations.require(conversationId);
        AutomationWebhook webhook = new AutomationWebhook();
        webhook.id = UUID.randomUUID();
        webhook.conversationId = conversationId;
        webhook.automation = fired.automation();
        webhook.url = url;
        webhook.body = json(new Body(webhook.id, fired.automation(), fired.rowId(), run.trigger(), run.eventId(),
                run.policyVersion(), run.decisionId(), new ConversationFacts(conversationId, conversation.state,
                conversation.currentChannel, conversation.queue, conversation.priority, conversation.intent,
                conversation.severity, List.copyOf(conversation.tags)), run.now()));
        webhook.status = AutomationWebhook.PENDING;
        webhook.nextAttemptAt = run.now();
        webhook.createdAt = run.now();
        webhook.updatedAt = run.now();
        webhook.persist();
        return Optional.empty();
    }

    /** Same scheme, host and port as an allow-list entry, and a path under the entry's. */
    boolean allowed(String url) {
        URI target;
        try {
            target = URI.create(url).normalize();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (target.getScheme() == null || target.getHost() == null || target.getRawUserInfo() != null) {
            return false;
        }
        return config.webhookAllowList().orElse(List.of()).stream().map(String::trim).filter(entry -> !entry.isEmpty())
                .map(URI::create).anyMatch(entry -> entry.getScheme().equalsIgnoreCase(target.getScheme())
                        && entry.getHost().equalsIgnoreCase(target.getHost())
                        && port(entry) == port(target)
                        && pathOf(target).startsWith(pathOf(entry)));
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The path with a trailing slash, so an entry's path /hooks allows /hooks/x but never /hooksevil. */
    private static String pathOf(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return path.endsWith("/") ? path : path + "/";
    }

    @Scheduled(identity = "automation-webhooks", every = "{continuum.delivery.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void callDue() {
        List<Call> claimed = QuarkusTransaction.requiringNew().call(this::claimDue);
        for (Call call : claimed) {
            attempt(call);
        }
        QuarkusTransaction.requiringNew().run(this::deadLetterStuckAttempts);
    }

    private List<Call> claimDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("SELECT id FROM automation_webhook WHERE status = 'pending' "
                        + "AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", UUID.class)
                .setParameter(1, now).getResultList();
        return ids.stream().map(id -> {
            AutomationWebhook webhook = AutomationWebhook.findById(id);
            webhook.status = AutomationWebhook.SENDING;
            webhook.attempts++;
            webhook.updatedAt = now;
            AutomationWebhookAttempt attempt = new AutomationWebhookAttempt();
            attempt.webhookId = id;
            attempt.attempt = webhook.attempts;
            attempt.startedAt = now;
            attempt.persist();
            return new Call(id, webhook.url, webhook.body, webhook.attempts);
        }).toList();
    }

    private void attempt(Call call) {
        String secret = config.webhookSecret().orElse("");
        HttpRequest request = HttpRequest.newBuilder(URI.create(call.url()))
                .timeout(config.webhookTimeout())
                .header("Content-Type", "application/json")
                .header(ID_HEADER, call.id().toString())
                .header(SIGNATURE_HEADER, HubSignature.sign(secret, call.body().getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8))
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            QuarkusTransaction.requiringNew().run(() -> finish(call, false, true, "could not call: " + e.getClass().getSimpleName()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        boolean transientFailure = status == 408 || status == 429 || status >= 500;
        QuarkusTransaction.requiringNew().run(() -> finish(call, status / 100 == 2, transientFailure, "HTTP " + status));
    }

    private void finish(Call call, boolean succeeded, boolean transientFailure, String detail) {
        Instant now = clock.instant();
        AutomationWebhook webhook = AutomationWebhook.findById(call.id());
        AutomationWebhookAttempt.<AutomationWebhookAttempt>find("webhookId = ?1 and attempt = ?2", call.id(), call.attempt())
                .firstResultOptional().ifPresent(attempt -> {
                    attempt.outcome = succeeded ? "sent" : transientFailure ? "transient" : "permanent";
                    attempt.detail = detail;
                    attempt.finishedAt = now;
                });
        webhook.updatedAt = now;
        if (succeeded) {
            webhook.status = AutomationWebhook.SENT;
            webhook.lastError = null;
            return;
        }
        webhook.lastError = detail;
        if (!transientFailure || webhook.attempts >= delivery.maxAttempts()) {
            webhook.status = AutomationWebhook.DEAD;
            LOG.warnf("Automation webhook %s (%s) is a dead letter after %d attempts: %s", webhook.id, webhook.automation,
                    webhook.attempts, detail);
            return;
        }
        webhook.status = AutomationWebhook.PENDING;
        webhook.nextAttemptAt = now.plus(delivery.backoffAfter(webhook.attempts));
    }

    /** An attempt still in flight long after it started ended unseen (a crash): a dead letter, never a blind second call. */
    private void deadLetterStuckAttempts() {
        Instant cutoff = clock.instant().minus(delivery.stuckAfter());
        AutomationWebhook.<AutomationWebhook>list("status = ?1 and updatedAt < ?2", AutomationWebhook.SENDING, cutoff)
                .forEach(webhook -> {
                    webhook.status = AutomationWebhook.DEAD;
                    webhook.lastError = "attempt " + webhook.attempts + " ended unseen; the receiver may or may not have it";
                    webhook.updatedAt = clock.instant();
                });
    }

    private String json(Body body) {
        try {
            return objectMapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook body is not writable as JSON", e);
        }
    }
}
