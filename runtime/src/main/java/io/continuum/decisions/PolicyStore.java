package io.continuum.decisions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.decisions.engine.CompilationResult;
import io.continuum.decisions.engine.PolicyCompiler;
import io.continuum.decisions.engine.ValidationMessage;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import io.continuum.platform.AdvisoryLocks;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every DMN model and DRL rule set as a named policy with versions. Version 1 of each is the
 * file from the top-level folders (imported at first start); later versions are uploaded,
 * validated, published live and rolled back here.
 */
@ApplicationScoped
@Startup
public class PolicyStore {

    private static final Logger LOG = Logger.getLogger(PolicyStore.class);
    private static final String BASELINE_INDEX = "baseline/index.txt";

    /** Audited when a version is stored. */
    private record VersionCreated(String policy, int version) {
    }

    /**
     * Audited and published on {@code Topics.POLICY_PUBLISHED}; {@code fromVersion} is null for a first
     * publication, {@code approvedBy} names the second person where the policy requires one.
     */
    record Published(String policy, Integer fromVersion, int toVersion, boolean applyToOpen,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String approvedBy) {
    }

    private record LiveVersion(int liveVersion) {
    }

    /** A validation message as a version keeps it (severity in lower case). */
    private record Warning(String severity, Integer line, Integer column, String element, String message) {

        static Warning of(ValidationMessage message) {
            return new Warning(message.severity().name().toLowerCase(), message.line(), message.column(),
                    message.element(), message.message());
        }
    }

    /** The warnings as the version's JSON column holds them. */
    private static final TypeReference<List<Map<String, Object>>> VALIDATION = new TypeReference<>() {
    };

    private final PolicyCompiler compiler;
    private final LivePolicies livePolicies;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final AdvisoryLocks locks;
    private final Clock clock;
    private final ObjectMapper objectMapper;

    PolicyStore(PolicyCompiler compiler, LivePolicies livePolicies, AuditTrail audit, Outbox outbox, AdvisoryLocks locks,
                Clock clock, ObjectMapper objectMapper) {
        this.compiler = compiler;
        this.locks = locks;
        this.livePolicies = livePolicies;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.objectMapper = objectMapper;
    }

    /** The baseline becomes version 1 of any policy not yet in the store; then every live version is compiled. */
    @PostConstruct
    void start() {
        for (String path : baselinePaths()) {
            String fileName = path.substring(path.lastIndexOf('/') + 1);
            PolicyKind kind = PolicyKind.ofFileName(fileName).orElseThrow();
            String name = fileName.substring(0, fileName.length() - kind.extension().length() - 1);
            QuarkusTransaction.requiringNew().run(() -> importBaseline(name, kind, path));
        }
    }

    /**
     * Every live version compiled in the background once the rest of the start is done, so the node is ready at
     * once and the compilation does not compete with the start for the processors; a decision needing a policy
     * before compiles it.
     */
    void warmUp(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent start) {
        List<String> names = QuarkusTransaction.requiringNew().call(() -> Policy.<Policy>listAll()).stream()
                .map(policy -> policy.name).toList();
        Thread warmUp = new Thread(() -> names.forEach(livePolicies::get), "policy-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private void importBaseline(String name, PolicyKind kind, String path) {
        // two nodes starting together must not both import
        locks.lock("policy-baseline:" + name);
        if (Policy.findById(name) != null) {
            return;
        }
        Instant now = clock.instant();
        Policy policy = new Policy();
        policy.name = name;
        policy.kind = kind.wireName();
        policy.liveVersion = 1;
        policy.createdAt = now;
        policy.updatedAt = now;
        policy.persist();
        PolicyVersion version = new PolicyVersion();
        version.policyName = name;
        version.version = 1;
        version.status = PolicyStatus.PUBLISHED.wireName();
        version.source = readResource("baseline/" + path);
        version.author = "baseline";
        version.comment = "Imported from " + path;
        version.createdAt = now;
        version.publishedAt = now;
        version.publishedBy = "baseline";
        version.persist();
        LOG.infof("Policy %s imported from %s as version 1", name, path);
    }

    /** Uploads a new version; it is compiled and analysed first and refused (422) with every error if broken. */
    public PolicyVersion createVersion(String name, String source, String author, String comment) {
        Policy policy = requirePolicy(name);
        if (source == null || source.isBlank()) {
            throw invalid(name, List.of(new ValidationMessage(ValidationMessage.Severity.ERROR, null, null, null,
                    "The body must be the DMN XML or DRL source of the new version")));
        }
        CompilationResult result = compiler.compile(name, policy.policyKind(), source);
        if (!result.succeeded()) {
            throw invalid(name, result.messages());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            int next = nextVersion(name);
            PolicyVersion version = new PolicyVersion();
            version.policyName = name;
            version.version = next;
            version.status = PolicyStatus.VALIDATED.wireName();
            version.source = source;
            version.author = author;
            version.comment = comment;
            version.validation = objectMapper.convertValue(result.messages().stream().map(Warning::of).toList(), VALIDATION);
            version.createdAt = clock.instant();
            version.persist();
            audit.record("policy", policyEntityId(name), "version-created", Actor.human(author), null,
                    new VersionCreated(name, next));
            return version;
        });
    }

    /**
     * Makes a version live: compiled here, stored as the live version, swapped in on this node at
     * once and on the other nodes by their poll. The previously live version is retired. People
     * publish through {@link PolicyPublishing}, which asks for a second approver where the policy
     * requires one; {@code inTransaction} runs first in the publishing transaction, and whatever it
     * throws leaves everything as it was.
     */
    PolicyVersion makeLive(String name, int versionNumber, String publisher, String approvedBy, boolean applyToOpen,
                           Runnable inTransaction) {
        Policy policy = requirePolicy(name);
        PolicyVersion candidate = requireVersion(name, versionNumber);
        CompilationResult result = compiler.compile(name, policy.policyKind(), candidate.source);
        if (!result.succeeded()) {
            throw invalid(name, result.messages());
        }
        PolicyVersion published = QuarkusTransaction.requiringNew().call(() -> {
            Policy current = Policy.findById(name, LockModeType.PESSIMISTIC_WRITE);
            inTransaction.run();
            Integer previous = current.liveVersion;
            Instant now = clock.instant();
            if (previous != null && previous != versionNumber) {
                PolicyVersion retired = PolicyVersion.findById(new PolicyVersion.Key(name, previous));
                retired.status = PolicyStatus.RETIRED.wireName();
                retired.retiredAt = now;
            }
            PolicyVersion version = PolicyVersion.findById(new PolicyVersion.Key(name, versionNumber));
            version.status = PolicyStatus.PUBLISHED.wireName();
            version.publishedAt = now;
            version.publishedBy = publisher;
            version.approvedBy = approvedBy;
            version.retiredAt = null;
            current.liveVersion = versionNumber;
            current.updatedAt = now;
            Published change = new Published(name, previous, versionNumber, applyToOpen, approvedBy);
            audit.record("policy", policyEntityId(name), "published", Actor.human(approvedBy == null ? publisher : approvedBy),
                    previous == null ? null : new LiveVersion(previous), change);
            outbox.publish(Topics.POLICY_PUBLISHED, policyEntityId(name), change);
            return version;
        });
        livePolicies.put(new LivePolicies.LivePolicy(name, versionNumber, policy.policyKind(), result.policy().orElseThrow()));
        livePolicies.announcePublished();
        return published;
    }

    public List<Policy> policies() {
        return QuarkusTransaction.requiringNew().call(() -> Policy.<Policy>list("order by name"));
    }

    public Policy requirePolicy(String name) {
        return QuarkusTransaction.requiringNew().call(() -> Policy.<Policy>findByIdOptional(name))
                .orElseThrow(() -> ProblemException.notFound("Policy", name));
    }

    public List<PolicyVersion> versions(String name) {
        requirePolicy(name);
        return QuarkusTransaction.requiringNew().call(() ->
                PolicyVersion.<PolicyVersion>list("policyName = ?1 order by version", name));
    }

    public PolicyVersion requireVersion(String name, int version) {
        return QuarkusTransaction.requiringNew().call(() ->
                        PolicyVersion.<PolicyVersion>findByIdOptional(new PolicyVersion.Key(name, version)))
                .orElseThrow(() -> ProblemException.notFound("Version " + version + " of policy", name));
    }

    public Optional<PolicyVersion> find(String name, int version) {
        return QuarkusTransaction.requiringNew().call(() ->
                PolicyVersion.<PolicyVersion>findByIdOptional(new PolicyVersion.Key(name, version)));
    }

    /** Audit entries need a UUID; a policy's is derived from its name. */
    public static UUID policyEntityId(String name) {
        return UUID.nameUUIDFromBytes(("policy:" + name).getBytes(StandardCharsets.UTF_8));
    }

    private static int nextVersion(String name) {
        Integer max = PolicyVersion.getEntityManager()
                .createQuery("select max(v.version) from PolicyVersion v where v.policyName = :name", Integer.class)
                .setParameter("name", name).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    static ProblemException invalid(String name, List<ValidationMessage> messages) {
        List<Problem.FieldError> errors = messages.stream().filter(ValidationMessage::isError)
                .map(m -> new Problem.FieldError(m.element(), m.line(), m.column(), m.message())).toList();
        return new ProblemException(Problem.of(422, "invalid-policy", "Unprocessable Content",
                        "The new version of " + name + " has " + errors.size() + " error(s); nothing was changed")
                .withErrors(errors));
    }

    private static List<String> baselinePaths() {
        return readResource(BASELINE_INDEX).lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
    }

    private static String readResource(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + path + " (built by runtime/pom.xml)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
