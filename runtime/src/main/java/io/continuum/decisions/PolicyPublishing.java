package io.continuum.decisions;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * How a person makes a version live. By default a publish (or rollback) takes effect at once; a policy
 * set to require a second approver (four-eyes publishing, set by an admin) turns it into a request
 * that goes live only when another person with a publishing role approves it. Requests, approvals,
 * rejections and the setting itself are in the policy's history and the audit log.
 */
@ApplicationScoped
public class PolicyPublishing {

    /** What a publish did: the version is live, or it waits for a second person. */
    public sealed interface Outcome {
    }

    public record Live(PolicyVersion version) implements Outcome {
    }

    public record AwaitingApproval(PublishRequest request) implements Outcome {
    }

    private record ApprovalRule(boolean requiresSecondApprover) {
    }

    private record RequestState(UUID request, int version, String status, String requestedBy, String reason) {

        static RequestState of(PublishRequest request) {
            return new RequestState(request.id, request.version, request.status, request.requestedBy, request.reason);
        }
    }

    private final PolicyStore store;
    private final AuditTrail audit;
    private final Clock clock;

    PolicyPublishing(PolicyStore store, AuditTrail audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public Outcome publish(String name, int version, String person, boolean applyToOpen) {
        store.requireVersion(name, version);
        if (store.requirePolicy(name).requiresSecondApprover) {
            return new AwaitingApproval(request(name, version, person, applyToOpen));
        }
        return new Live(store.makeLive(name, version, person, null, applyToOpen, () -> {
            // an admin may have switched four-eyes on since the check above
            if (Policy.<Policy>findById(name).requiresSecondApprover) {
                throw ProblemException.conflict("approval-required",
                        "Policy " + name + " now requires a second approver; publish again to request approval");
            }
        }));
    }

    public Outcome rollback(String name, int toVersion, String person) {
        Policy policy = store.requirePolicy(name);
        if (policy.liveVersion != null && policy.liveVersion == toVersion) {
            throw ProblemException.conflict("already-live", "Version " + toVersion + " of " + name + " is already live");
        }
        return publish(name, toVersion, person, false);
    }

    /**
     * A second person approves: the version goes live in the same transaction that records the approval,
     * so a request is never approved without its version going live, nor approved twice.
     */
    public PolicyVersion approve(String name, UUID requestId, String approver) {
        PublishRequest request = requireRequest(name, requestId);
        requireDecidable(request, approver);
        return store.makeLive(name, request.version, request.requestedBy, approver, request.applyToOpen, () -> {
            PublishRequest locked = PublishRequest.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
            requireDecidable(locked, approver);
            RequestState before = RequestState.of(locked);
            locked.decide(PublishRequest.Status.APPROVED, approver, clock.instant(), null);
            audit.record("policy", PolicyStore.policyEntityId(name), "publish-approved", Actor.human(approver),
                    before, RequestState.of(locked));
        });
    }

    /** Anyone with a publishing role may turn a request down, its requester included (withdrawing it); the reason is kept. */
    public PublishRequest reject(String name, UUID requestId, String person, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request", "A rejection needs a reason")
                    .withErrors(List.of(Problem.FieldError.ofField("reason", "say why the version should not go live"))));
        }
        requireRequest(name, requestId);
        return QuarkusTransaction.requiringNew().call(() -> {
            PublishRequest locked = PublishRequest.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
            requirePending(locked);
            RequestState before = RequestState.of(locked);
            locked.decide(PublishRequest.Status.REJECTED, person, clock.instant(), reason.strip());
            audit.record("policy", PolicyStore.policyEntityId(name), "publish-rejected", Actor.human(person),
                    before, RequestState.of(locked));
            return locked;
        });
    }

    /** Who may change this is decided by the caller (admins); the change is audited with its author. */
    public Policy requireSecondApprover(String name, boolean required, String admin) {
        store.requirePolicy(name);
        return QuarkusTransaction.requiringNew().call(() -> {
            Policy policy = Policy.findById(name, LockModeType.PESSIMISTIC_WRITE);
            if (policy.requiresSecondApprover != required) {
                ApprovalRule before = new ApprovalRule(policy.requiresSecondApprover);
                policy.requiresSecondApprover = required;
                policy.updatedAt = clock.instant();
                audit.record("policy", PolicyStore.policyEntityId(name), "approval-rule-changed", Actor.human(admin),
                        before, new ApprovalRule(required));
            }
            return policy;
        });
    }

    /** The policy's publish requests, newest first. */
    public List<PublishRequest> requests(String name) {
        store.requirePolicy(name);
        return QuarkusTransaction.requiringNew().call(() ->
                PublishRequest.<PublishRequest>list("policyName = ?1 order by requestedAt desc", name));
    }

    private PublishRequest request(String name, int version, String person, boolean applyToOpen) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Policy.findById(name, LockModeType.PESSIMISTIC_WRITE);
            if (PublishRequest.count("policyName = ?1 and version = ?2 and status = ?3", name, version,
                    PublishRequest.Status.PENDING.wireName()) > 0) {
                throw ProblemException.conflict("already-awaiting-approval",
                        "Version " + version + " of " + name + " is already waiting for a second person's approval");
            }
            PublishRequest request = new PublishRequest();
            request.id = UUID.randomUUID();
            request.policyName = name;
            request.version = version;
            request.applyToOpen = applyToOpen;
            request.status = PublishRequest.Status.PENDING.wireName();
            request.requestedBy = person;
            request.requestedAt = clock.instant();
            request.persist();
            audit.record("policy", PolicyStore.policyEntityId(name), "publish-requested", Actor.human(person),
                    null, RequestState.of(request));
            return request;
        });
    }

    private static PublishRequest requireRequest(String name, UUID requestId) {
        return QuarkusTransaction.requiringNew().call(() -> PublishRequest.<PublishRequest>findByIdOptional(requestId))
                .filter(request -> request.policyName.equals(name))
                .orElseThrow(() -> ProblemException.notFound("Publish request", requestId));
    }

    private static void requireDecidable(PublishRequest request, String approver) {
        requirePending(request);
        if (Objects.equals(request.requestedBy, approver)) {
            throw new ProblemException(Problem.of(403, "four-eyes", "Forbidden",
                    "Version " + request.version + " of " + request.policyName + " needs a second person: "
                            + "the person who asked to publish it cannot approve it"));
        }
    }

    private static void requirePending(PublishRequest request) {
        if (!request.isPending()) {
            throw ProblemException.conflict("not-pending",
                    "This publish request was already " + request.status + " by " + request.decidedBy);
        }
    }
}
