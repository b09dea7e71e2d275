package io.continuum.identity;

import io.continuum.audit.Actor;
import io.continuum.audit.AuditTrail;
import io.continuum.connectors.channel.NormalizedMessage.Sender;
import io.continuum.events.Outbox;
import io.continuum.events.Topics;
import io.continuum.platform.AdvisoryLocks;
import io.continuum.privacy.BlindIndex;
import io.continuum.problem.Problem;
import io.continuum.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The identity graph: resolves inbound senders to one customer, learns new identifiers,
 * merges customers proven to be the same person, and undoes merges.
 */
@ApplicationScoped
public class IdentityService {

    private static final String ENTITY = "customer";

    private final IdentifierNormalizer normalizer;
    private final AdvisoryLocks locks;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Event<CustomersMerged> merged;
    private final Event<CustomersUnmerged> unmerged;
    private final Clock clock;
    private final BlindIndex blindIndex;

    IdentityService(IdentifierNormalizer normalizer, AdvisoryLocks locks, AuditTrail audit, Outbox outbox,
                    Event<CustomersMerged> merged, Event<CustomersUnmerged> unmerged, Clock clock, BlindIndex blindIndex) {
        this.blindIndex = blindIndex;
        this.normalizer = normalizer;
        this.locks = locks;
        this.audit = audit;
        this.outbox = outbox;
        this.merged = merged;
        this.unmerged = unmerged;
        this.clock = clock;
    }

    /**
     * Finds or creates the customer behind a sender. Only identifiers the channel vouches for
     * ({@link #vouchedFor}) find a customer: identifiers the customer was not yet known by are
     * learned; when they belong to different customers, they are the same person and are merged
     * into one (the known customer survives an anonymous one, else the oldest). An identifier the
     * sender only claims (an e-mail typed into the web chat widget) never finds, joins or merges
     * anyone: it is recorded on the sender's own customer as unverified, for a person to check.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ResolvedSender resolve(Sender sender, String channel, UUID messageId) {
        List<IndexedIdentifier> identifiers = normalizer.identifiersOf(sender, channel).stream().map(this::indexed).toList();
        if (identifiers.isEmpty()) {
            throw new ProblemException(Problem.of(400, "validation", "Bad Request",
                    "The sender has no usable identifier").withErrors(List.of(
                    Problem.FieldError.ofField("from", "needs a valid email, phone, socialId or deviceId"))));
        }
        locks.lockAll(identifiers.stream().map(IndexedIdentifier::lockKey).toList());
        List<IndexedIdentifier> verified = identifiers.stream()
                .filter(identifier -> vouchedFor(identifier.identifier(), sender)).toList();
        List<IndexedIdentifier> claimed = identifiers.stream().filter(identifier -> !verified.contains(identifier)).toList();

        Set<UUID> owners = new LinkedHashSet<>();
        for (IndexedIdentifier identifier : verified) {
            CustomerIdentifier.findVerified(identifier).ifPresent(known -> owners.add(known.customerId));
        }
        locks.lockAll(owners.stream().map(IdentityService::customerLockKey).toList());

        Instant now = clock.instant();
        boolean created = owners.isEmpty();
        Customer customer = created ? createCustomer(sender, verified, now) : chooseSurvivor(owners);
        List<UUID> mergeIds = new ArrayList<>();
        for (UUID owner : owners) {
            if (!owner.equals(customer.id)) {
                IndexedIdentifier survivorsIdentifier = ownedBy(verified, customer.id);
                IndexedIdentifier othersIdentifier = ownedBy(verified, owner);
                String reason = "Message " + messageId + " came from " + describe(survivorsIdentifier) + " of customer "
                        + customer.id + " and " + describe(othersIdentifier) + " of customer " + owner;
                mergeIds.add(merge(customer, Customer.findById(owner), survivorsIdentifier, reason, messageId,
                        Actor.system("identity-resolution")).id);
            }
        }
        boolean learned = learn(customer, sender, verified, claimed, now);
        if (created || learned) {
            // one event for a new customer, identifiers included: a second one for them would only be more relay work
            outbox.publish(Topics.CUSTOMER_UPDATED, customer.id, new CustomerUpdated(customer.id, created ? "created" : "identifiers"));
        }
        return new ResolvedSender(customer.id, customer.slaTier(), created, mergeIds);
    }

    /**
     * Whether the channel vouches for an identifier. WhatsApp, SMS and voice numbers, social
     * networks' ids and a device's own id come from the channel; an e-mail address counts unless the
     * channel says it is only claimed: typed into the web chat widget without the host site's
     * signature, or sent by mail that failed DMARC/DKIM/SPF at the receiving server.
     */
    static boolean vouchedFor(Identifier identifier, Sender sender) {
        return identifier.kind() != IdentifierKind.EMAIL || !Boolean.FALSE.equals(sender.emailVerified());
    }

    private static IndexedIdentifier ownedBy(List<IndexedIdentifier> identifiers, UUID customerId) {
        return identifiers.stream()
                .filter(identifier -> CustomerIdentifier.findVerified(identifier)
                        .map(known -> known.customerId.equals(customerId)).orElse(false))
                .findFirst().orElseThrow();
    }

    /** An identifier as a merge reason (and so the audit log) names it: by its blind index, never its value. */
    private String describe(IndexedIdentifier identifier) {
        Identifier value = identifier.identifier();
        return blindIndex.describe(value.kind().wireName(), value.network(), value.value());
    }

    private IndexedIdentifier indexed(Identifier identifier) {
        return IndexedIdentifier.of(identifier, blindIndex);
    }

    private Customer createCustomer(Sender sender, List<IndexedIdentifier> verified, Instant now) {
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.rename(sender.name());
        customer.anonymous = verified.stream().allMatch(identifier -> identifier.kind() == IdentifierKind.DEVICE);
        customer.createdAt = now;
        customer.updatedAt = now;
        customer.persist();
        audit.record(ENTITY, customer.id, "created", Actor.system("identity-resolution"), null, CustomerSnapshot.of(customer));
        return customer;
    }

    private static Customer chooseSurvivor(Set<UUID> owners) {
        return owners.stream()
                .map(id -> (Customer) Customer.findById(id))
                .min(Comparator.comparing((Customer c) -> c.anonymous).thenComparing(c -> c.createdAt))
                .orElseThrow();
    }

    /** Records what the message taught about the customer; returns whether anything was new. */
    private boolean learn(Customer customer, Sender sender, List<IndexedIdentifier> verified, List<IndexedIdentifier> claimed,
                          Instant now) {
        boolean changed = false;
        for (IndexedIdentifier identifier : verified) {
            if (CustomerIdentifier.findVerified(identifier).isPresent()) {
                continue;
            }
            Optional<CustomerIdentifier> ownClaim = CustomerIdentifier.findClaim(customer.id, identifier);
            if (ownClaim.isPresent()) {
                // what this customer only claimed before, the channel now vouches for
                ownClaim.get().verified = true;
                audit.record(ENTITY, customer.id, "identifier-verified", Actor.system("identity-resolution"), null,
                        learned(identifier));
            } else {
                CustomerIdentifier.of(customer.id, identifier, true, now).persist();
                audit.record(ENTITY, customer.id, "identifier-learned", Actor.system("identity-resolution"), null,
                        learned(identifier));
            }
            changed = true;
            if (identifier.kind() != IdentifierKind.DEVICE) {
                customer.anonymous = false;
            }
        }
        for (IndexedIdentifier identifier : claimed) {
            boolean alreadyTheirs = CustomerIdentifier.findVerified(identifier)
                    .map(known -> known.customerId.equals(customer.id)).orElse(false);
            if (!alreadyTheirs && CustomerIdentifier.findClaim(customer.id, identifier).isEmpty()) {
                CustomerIdentifier.of(customer.id, identifier, false, now).persist();
                audit.record(ENTITY, customer.id, "identifier-claimed", Actor.system("identity-resolution"), null,
                        learned(identifier));
                changed = true;
            }
        }
        if (customer.displayName == null && sender.name() != null && !sender.name().isBlank()) {
            customer.rename(sender.name());
            changed = true;
        }
        if (changed) {
            customer.updatedAt = now;
        }
        return changed;
    }

    private static CustomerAudit.IdentifierLearned learned(IndexedIdentifier identifier) {
        return new CustomerAudit.IdentifierLearned(identifier.kind().wireName(), identifier.identifier().network());
    }

    /** The customer a web chat device belongs to, if it has written before. */
    public Optional<UUID> customerOfDevice(String deviceId) {
        return CustomerIdentifier.findVerified(indexed(new Identifier(IdentifierKind.DEVICE, "", deviceId)))
                .map(edge -> edge.customerId);
    }

    /**
     * What a customer claims to be but no channel proved, and whom that would make them: an agent
     * reads "says they are María López — unverified" and, after checking, merges the two customers.
     */
    public record Claim(String kind, String value, UUID knownCustomerId, String knownCustomerName, String note) {
    }

    public List<Claim> claimsOf(UUID customerId) {
        List<Claim> claims = new ArrayList<>();
        for (CustomerIdentifier claim : CustomerIdentifier.<CustomerIdentifier>list(
                "customerId = ?1 and verified = false order by createdAt", customerId)) {
            Optional<Customer> known = CustomerIdentifier.findVerified(indexed(claim.identifier()))
                    .filter(edge -> !edge.customerId.equals(customerId))
                    .flatMap(edge -> Customer.<Customer>findByIdOptional(edge.customerId));
            String who = known.map(customer -> customer.displayName != null ? customer.displayName : "customer " + customer.id)
                    .orElse(null);
            String note = who != null ? "says they are " + who + " (" + claim.value + ") — unverified"
                    : "says their " + claim.kind + " is " + claim.value + " — unverified";
            claims.add(new Claim(claim.kind, claim.value, known.map(customer -> customer.id).orElse(null), who, note));
        }
        return claims;
    }

    /**
     * A person checked what a customer claims (asked the visitor something only the owner knows, or
     * got a reply from the address) and confirms it: the claimant is merged into the customer who owns
     * the identifier verified, or, when nobody does, the identifier becomes theirs verified.
     *
     * @return the customer that now holds the identifier verified
     */
    @Transactional
    public UUID confirmClaim(UUID claimantId, String kind, String value, String person) {
        IdentifierKind identifierKind;
        try {
            identifierKind = IdentifierKind.fromWire(kind);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown identifier kind " + kind);
        }
        locks.lockAll(List.of(customerLockKey(claimantId)));
        Customer claimant = activeCustomer(claimantId);
        // claims are of what the sender typed, normalised as every identifier is; nothing else can match
        Identifier claimed = identifierKind == IdentifierKind.EMAIL
                ? normalizer.email(value).orElseThrow(() -> ProblemException.notFound("Claim of " + kind, value))
                : new Identifier(identifierKind, "", value);
        CustomerIdentifier claim = CustomerIdentifier.findClaim(claimant.id, indexed(claimed))
                .orElseThrow(() -> ProblemException.notFound("Claim of " + kind, value));
        return confirm(claimant, claim, Actor.human(person), person + " confirmed that customer " + claimant.id
                + " is the owner of " + describe(indexed(claim.identifier())));
    }

    /**
     * The owner of a mailbox opened the confirmation link mailed to it: the address the customer claimed
     * is theirs, with the same effect as an agent's confirmation. The customer may have been merged since
     * the link was sent (the claim then lives on the survivor), or the address confirmed another way.
     *
     * @return the customer that now holds the address verified; empty when the claim is gone (unmerged away)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> confirmEmailByLink(UUID claimantId, String email) {
        UUID current = claimantId;
        for (Customer customer = Customer.findById(current); customer != null && customer.mergedInto != null;
             customer = Customer.findById(current)) {
            current = customer.mergedInto;
        }
        locks.lockAll(List.of(customerLockKey(current)));
        Customer claimant = activeCustomer(current);
        Optional<CustomerIdentifier> claim = normalizer.email(email).map(this::indexed).flatMap(address ->
                CustomerIdentifier.<CustomerIdentifier>find("customerId = ?1 and kind = ?2 and network = ?3 and valueIndex = ?4",
                        claimant.id, IdentifierKind.EMAIL.wireName(), "", address.index()).firstResultOptional());
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        if (claim.get().verified) {
            return Optional.of(claimant.id);
        }
        return Optional.of(confirm(claimant, claim.get(), Actor.system("email-confirmation"),
                "the owner of " + describe(indexed(claim.get().identifier())) + " opened the confirmation link sent to it for customer "
                        + claimant.id));
    }

    /** The claimant joins the customer who owns the identifier verified, or the identifier becomes theirs verified. */
    private UUID confirm(Customer claimant, CustomerIdentifier claim, Actor actor, String reason) {
        IndexedIdentifier identifier = indexed(claim.identifier());
        locks.lockAll(List.of(identifier.lockKey()));
        Optional<CustomerIdentifier> owner = CustomerIdentifier.findVerified(identifier);
        if (owner.isPresent()) {
            locks.lockAll(List.of(customerLockKey(owner.get().customerId)));
            Customer known = activeCustomer(owner.get().customerId);
            claim.delete();
            merge(known, claimant, identifier, reason, null, actor);
            return known.id;
        }
        claim.verified = true;
        claimant.updatedAt = clock.instant();
        audit.record(ENTITY, claimant.id, "identifier-verified", actor, null, learned(identifier));
        outbox.publish(Topics.CUSTOMER_UPDATED, claimant.id, new CustomerUpdated(claimant.id, "identifiers"));
        return claimant.id;
    }

    /** A supervisor merges {@code otherId} into {@code survivorId}. */
    @Transactional
    public CustomerMerge mergeManually(UUID survivorId, UUID otherId, String supervisor) {
        if (survivorId.equals(otherId)) {
            throw ProblemException.badRequest("A customer cannot be merged into itself");
        }
        locks.lockAll(List.of(customerLockKey(survivorId), customerLockKey(otherId)));
        Customer survivor = activeCustomer(survivorId);
        Customer other = activeCustomer(otherId);
        return merge(survivor, other, null, "Merged by " + supervisor, null, Actor.human(supervisor));
    }

    private CustomerMerge merge(Customer survivor, Customer other, IndexedIdentifier shared, String reason, UUID messageId,
                                Actor actor) {
        Instant now = clock.instant();
        CustomerMerge merge = new CustomerMerge();
        merge.id = UUID.randomUUID();
        merge.survivingId = survivor.id;
        merge.mergedId = other.id;
        merge.reason = reason;
        if (shared != null) {
            merge.matchedOn(shared.identifier());
        }
        merge.triggeringMessageId = messageId;
        merge.actor = actor.name();
        merge.mergedAt = now;
        List<CustomerIdentifier> moving = CustomerIdentifier.list("customerId", other.id);
        for (CustomerIdentifier identifier : moving) {
            identifier.customerId = survivor.id;
            merge.movedIdentifierIds.add(identifier.id);
        }
        merge.persist();
        // the conversation feature's bulk update references this merge row: write it first
        CustomerMerge.flush();
        CustomerSnapshot before = CustomerSnapshot.of(other);
        other.mergedInto = survivor.id;
        other.updatedAt = now;
        survivor.anonymous = survivor.anonymous && other.anonymous;
        survivor.updatedAt = now;
        merged.fire(new CustomersMerged(merge.id, survivor.id, other.id));

        audit.record(ENTITY, other.id, "merged", actor, before, CustomerSnapshot.of(other));
        audit.record(ENTITY, survivor.id, "absorbed", actor, null,
                new CustomerAudit.Absorbed(merge.id, survivor.id, other.id, reason));
        outbox.publish(Topics.CUSTOMER_UPDATED, survivor.id, new CustomerUpdated(survivor.id, "merged", merge.id));
        outbox.publish(Topics.CUSTOMER_UPDATED, other.id, new CustomerUpdated(other.id, "merged", merge.id));
        return merge;
    }

    /**
     * Undoes the latest merge of {@code mergedId} into {@code survivorId}: its identifiers and
     * conversations go back and it is a customer of its own again.
     */
    @Transactional
    public CustomerMerge unmerge(UUID survivorId, UUID mergedId, String supervisor) {
        locks.lockAll(List.of(customerLockKey(survivorId), customerLockKey(mergedId)));
        CustomerMerge merge = CustomerMerge.<CustomerMerge>find(
                        "survivingId = ?1 and mergedId = ?2 and unmergedAt is null order by mergedAt desc", survivorId, mergedId)
                .firstResultOptional()
                .orElseThrow(() -> ProblemException.conflict("not-merged",
                        "Customer " + mergedId + " is not merged into " + survivorId));
        Instant now = clock.instant();
        for (UUID identifierId : merge.movedIdentifierIds) {
            CustomerIdentifier identifier = CustomerIdentifier.findById(identifierId);
            if (identifier != null && identifier.customerId.equals(survivorId)) {
                identifier.customerId = mergedId;
            }
        }
        Customer restored = Customer.findById(mergedId);
        if (restored.erasedAt != null) {
            // the merged side was erased with the survivor: undoing the merge would bring back nobody
            throw ProblemException.conflict("customer-erased", "Customer " + mergedId + " is erased");
        }
        CustomerSnapshot before = CustomerSnapshot.of(restored);
        restored.mergedInto = null;
        restored.updatedAt = now;
        merge.unmergedAt = now;
        merge.unmergedBy = supervisor;
        unmerged.fire(new CustomersUnmerged(merge.id, survivorId, mergedId));

        audit.record(ENTITY, mergedId, "unmerged", Actor.human(supervisor), before, CustomerSnapshot.of(restored));
        audit.record(ENTITY, survivorId, "unmerged", Actor.human(supervisor), null, new CustomerAudit.Restored(merge.id, mergedId));
        outbox.publish(Topics.CUSTOMER_UPDATED, survivorId, new CustomerUpdated(survivorId, "unmerged", merge.id));
        outbox.publish(Topics.CUSTOMER_UPDATED, mergedId, new CustomerUpdated(mergedId, "unmerged", merge.id));
        return merge;
    }

    /** The customer who undid the merge can also be found from the merged side alone. */
    @Transactional
    public CustomerMerge unmerge(UUID mergedId, String supervisor) {
        Customer customer = Customer.<Customer>findByIdOptional(mergedId)
                .orElseThrow(() -> ProblemException.notFound("Customer", mergedId));
        if (customer.mergedInto == null) {
            throw ProblemException.conflict("not-merged", "Customer " + mergedId + " is not merged into another customer");
        }
        return unmerge(customer.mergedInto, mergedId, supervisor);
    }

    @Transactional
    public Customer update(UUID id, CustomerChanges changes, String username) {
        Customer customer = activeCustomer(id);
        CustomerSnapshot before = CustomerSnapshot.of(customer);
        changes.displayName().ifPresent(customer::rename);
        changes.company().ifPresent(customer::changeCompany);
        changes.tier().ifPresent(tier -> customer.tier = tier.wireName());
        changes.tags().ifPresent(tags -> customer.tags = new ArrayList<>(tags));
        changes.segments().ifPresent(segments -> customer.segments = new ArrayList<>(segments));
        changes.riskFlags().ifPresent(flags -> customer.riskFlags = new ArrayList<>(flags));
        customer.updatedAt = clock.instant();
        audit.record(ENTITY, id, "updated", Actor.human(username), before, CustomerSnapshot.of(customer));
        outbox.publish(Topics.CUSTOMER_UPDATED, id, new CustomerUpdated(id, "profile"));
        return customer;
    }

    /** Profile fields a person may change; absent means unchanged. */
    public record CustomerChanges(Optional<String> displayName, Optional<String> company, Optional<SlaTier> tier,
                                  Optional<List<String>> tags, Optional<List<String>> segments,
                                  Optional<List<String>> riskFlags) {
    }

    /**
     * Remembers the language the customer last wrote in. A plain update, without the optimistic version:
     * a detected language is no profile change a person could be overwriting, and it must not make a
     * concurrent change of the profile fail.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void noteLanguage(UUID customerId, String language) {
        Customer.update("language = ?1 where id = ?2 and (language is null or language <> ?1)", language, customerId);
    }

    /** The language the customer last wrote in, when one was ever detected. */
    public Optional<String> languageOf(UUID customerId) {
        return Customer.<Customer>findByIdOptional(customerId).map(customer -> customer.language);
    }

    /** False on a fresh installation, before anyone has written. */
    public boolean hasCustomers() {
        return Customer.count() > 0;
    }

    public Optional<Customer> find(UUID id) {
        return Customer.findByIdOptional(id);
    }

    public List<CustomerIdentifier> identifiersOf(UUID customerId) {
        return CustomerIdentifier.list("customerId = ?1 order by createdAt", customerId);
    }

    public List<CustomerMerge> mergesOf(UUID customerId) {
        return CustomerMerge.list("survivingId = ?1 or mergedId = ?1 order by mergedAt", customerId);
    }

    /**
     * Customers matching every given criterion, oldest first, after the cursor customer. Names and
     * identifiers are sealed, so every criterion is an exact identifier, found by its blind index:
     * {@code text} is an e-mail address, a phone number or a social id (on any network).
     */
    public List<Customer> search(Optional<String> email, Optional<String> phone, Optional<String> text,
                                 Optional<UUID> after, int limit) {
        StringBuilder query = new StringBuilder("mergedInto is null");
        Parameters parameters = new Parameters();
        Optional<Identifier> byEmail = email.flatMap(normalizer::email);
        Optional<Identifier> byPhone = phone.flatMap(normalizer::phone);
        Optional<List<String>> byText = text.filter(t -> !t.isBlank())
                .map(t -> identifiersLike(t.strip()).stream().map(identifier -> indexed(identifier).index()).toList());
        if (email.isPresent() && byEmail.isEmpty() || phone.isPresent() && byPhone.isEmpty()
                || byText.isPresent() && byText.get().isEmpty()) {
            return List.of();
        }
        byEmail.ifPresent(identifier -> {
            query.append(" and id in (select i.customerId from CustomerIdentifier i where i.valueIndex = :email and i.verified = true)");
            parameters.and("email", indexed(identifier).index());
        });
        byPhone.ifPresent(identifier -> {
            query.append(" and id in (select i.customerId from CustomerIdentifier i where i.valueIndex = :phone and i.verified = true)");
            parameters.and("phone", indexed(identifier).index());
        });
        byText.ifPresent(indexes -> {
            query.append(" and id in (select i.customerId from CustomerIdentifier i where i.valueIndex in :text and i.verified = true)");
            parameters.and("text", indexes);
        });
        after.flatMap(this::find).ifPresent(cursor -> {
            query.append(" and (createdAt > :cursorCreated or (createdAt = :cursorCreated and id > :cursorId))");
            parameters.and("cursorCreated", cursor.createdAt);
            parameters.and("cursorId", cursor.id);
        });
        query.append(" order by createdAt, id");
        return Customer.<Customer>find(query.toString(), parameters).page(0, limit).list();
    }

    /** What a searched text can be: an e-mail address, a phone number, or a social id on any network we know. */
    private List<Identifier> identifiersLike(String text) {
        List<Identifier> candidates = new ArrayList<>();
        normalizer.email(text).ifPresent(candidates::add);
        normalizer.phone(text).or(() -> IdentifierNormalizer.channelNumber(text)).ifPresent(candidates::add);
        CustomerIdentifier.getEntityManager()
                .createQuery("select distinct i.network from CustomerIdentifier i where i.kind = :kind", String.class)
                .setParameter("kind", IdentifierKind.SOCIAL.wireName()).getResultList()
                .forEach(network -> candidates.add(new Identifier(IdentifierKind.SOCIAL, network, text)));
        return candidates;
    }

    private static Customer activeCustomer(UUID id) {
        Customer customer = Customer.<Customer>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Customer", id));
        if (customer.erasedAt != null) {
            throw ProblemException.conflict("customer-erased", "Customer " + id + " is erased");
        }
        if (customer.mergedInto != null) {
            throw ProblemException.conflict("customer-merged",
                    "Customer " + id + " is merged into " + customer.mergedInto + "; unmerge it first");
        }
        return customer;
    }

    private static String customerLockKey(UUID customerId) {
        return "customer:" + customerId;
    }
}
