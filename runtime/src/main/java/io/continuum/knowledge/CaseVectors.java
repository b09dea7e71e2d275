package io.continuum.knowledge;

import io.continuum.platform.SentenceEmbeddings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;

/**
 * The remembered cases' first-message vectors in memory, oldest first, one after the other in a single array: a
 * lookup scans contiguous memory and takes no lock, so the triages of several threads look up side by side. An
 * addition writes past the size readers know and then publishes the new size; a removal, or dropping the oldest
 * beyond the cap, publishes new arrays. Readers keep scanning whatever they read when they started.
 *
 * <p>A scan reads every case, so its cost grows with the history held (17 ms a lookup at 100,000 cases,
 * bench/similar-cases.sh). Once {@value #FIT_AT} cases are held, each case also keeps its projection on the
 * {@link PrincipalDirections} fitted to them then and the length the projection leaves out; a lookup first bounds a
 * case's similarity from those few numbers and reads the whole vector only when the bound reaches what the lookup
 * still needs (the minimum asked, or the worst of a full list). The bound is never below the true similarity, so
 * no case that belongs in the answer is skipped (bench/similar-cases.sh: on the shared intent data's sentence
 * embeddings a lookup took a third of the time a full scan took).
 */
public final class CaseVectors {

    /** A case and how similar its first message is to the one looked up (cosine: the vectors are unit length). */
    public record Scored(UUID conversationId, double similarity) {
    }

    /**
     * {@code projections} ({@code directions.count()} per case) and {@code leftovers} (one per case) are there once
     * {@code directions} are fitted, null before.
     */
    private record Published(float[] vectors, UUID[] ids, int size, PrincipalDirections directions,
                             float[] projections, float[] leftovers) {

        int projected() {
            return directions == null ? 0 : directions.count();
        }
    }

    private static final int FIRST_CAPACITY = 1_024;
    /** Below this many cases a scan is cheap (a few milliseconds at most) and the directions would fit few examples. */
    static final int FIT_AT = 2_000;
    /** Directions kept per case: 64 of 384 hold 70 % of a sentence embedding's squared length (bench/README.md). */
    private static final int PROJECTED_DIMENSIONS = 64;
    /** Rounding of the float sums, far above what they can lose: a bound this much under the need is still skipped. */
    private static final double ROUNDING = 1e-3;

    private final int dimensions;
    private final int cap;
    private volatile Published published;
    /** Guarded by {@code this}. */
    private final Set<UUID> known = new HashSet<>();

    /** @param cap how many cases are held; beyond it the oldest tenth is dropped */
    public CaseVectors(int dimensions, int cap) {
        this.dimensions = dimensions;
        this.cap = cap;
        this.published = new Published(new float[0], new UUID[0], 0, null, null, null);
    }

    public synchronized boolean contains(UUID conversationId) {
        return known.contains(conversationId);
    }

    public int size() {
        return published.size();
    }

    /** How many directions each case is projected on: 0 until {@value #FIT_AT} cases are held. */
    int projectedDimensions() {
        return published.projected();
    }

    /** @return false when the case is held already */
    public synchronized boolean add(UUID conversationId, float[] vector) {
        if (vector.length != dimensions) {
            throw new IllegalArgumentException("A case vector has " + dimensions + " dimensions, not " + vector.length);
        }
        if (!known.add(conversationId)) {
            return false;
        }
        Published current = published.size() >= cap ? withoutOldest(published, Math.max(1, cap / 10)) : published;
        int size = current.size();
        float[] vectors = current.vectors();
        UUID[] ids = current.ids();
        float[] projections = current.projections();
        float[] leftovers = current.leftovers();
        if (size == ids.length) {
            int capacity = Math.max(FIRST_CAPACITY, ids.length * 2);
            vectors = Arrays.copyOf(vectors, capacity * dimensions);
            ids = Arrays.copyOf(ids, capacity);
            if (current.directions() != null) {
                projections = Arrays.copyOf(projections, capacity * current.projected());
                leftovers = Arrays.copyOf(leftovers, capacity);
            }
        }
        System.arraycopy(vector, 0, vectors, size * dimensions, dimensions);
        ids[size] = conversationId;
        if (current.directions() != null) {
            leftovers[size] = (float) current.directions().project(vector, 0, projections, size * current.projected());
        }
        Published added = new Published(vectors, ids, size + 1, current.directions(), projections, leftovers);
        published = added.directions() == null && added.size() >= FIT_AT ? withDirections(added) : added;
        return true;
    }

    /** Fits the directions to the cases held and projects every one of them. */
    private Published withDirections(Published current) {
        PrincipalDirections directions = PrincipalDirections.fit(current.vectors(), 0, current.size(), dimensions,
                Math.min(PROJECTED_DIMENSIONS, Math.max(1, dimensions / 2)));
        int capacity = current.ids().length;
        float[] projections = new float[capacity * directions.count()];
        float[] leftovers = new float[capacity];
        for (int i = 0; i < current.size(); i++) {
            leftovers[i] = (float) directions.project(current.vectors(), i * dimensions, projections, i * directions.count());
        }
        return new Published(current.vectors(), current.ids(), current.size(), directions, projections, leftovers);
    }

    public synchronized void removeAll(Set<UUID> conversationIds) {
        Published current = published;
        Published remaining = emptyLike(current);
        int kept = 0;
        for (int i = 0; i < current.size(); i++) {
            if (!conversationIds.contains(current.ids()[i])) {
                copy(current, i, remaining, kept++);
            }
        }
        known.removeAll(conversationIds);
        published = sized(remaining, kept);
    }

    private Published withoutOldest(Published current, int dropped) {
        Published remaining = emptyLike(current);
        for (int i = dropped; i < current.size(); i++) {
            copy(current, i, remaining, i - dropped);
        }
        for (int i = 0; i < dropped; i++) {
            known.remove(current.ids()[i]);
        }
        return sized(remaining, current.size() - dropped);
    }

    /** New arrays of the same capacity, none of them published yet. */
    private Published emptyLike(Published current) {
        boolean projected = current.directions() != null;
        return new Published(new float[current.vectors().length], new UUID[current.ids().length], 0, current.directions(),
                projected ? new float[current.projections().length] : null,
                projected ? new float[current.leftovers().length] : null);
    }

    private void copy(Published from, int index, Published to, int toIndex) {
        System.arraycopy(from.vectors(), index * dimensions, to.vectors(), toIndex * dimensions, dimensions);
        to.ids()[toIndex] = from.ids()[index];
        if (from.directions() != null) {
            int projected = from.projected();
            System.arraycopy(from.projections(), index * projected, to.projections(), toIndex * projected, projected);
            to.leftovers()[toIndex] = from.leftovers()[index];
        }
    }

    private static Published sized(Published arrays, int size) {
        return new Published(arrays.vectors(), arrays.ids(), size, arrays.directions(), arrays.projections(), arrays.leftovers());
    }

    /** The cases at least {@code minSimilarity} similar to the vector, best first, at most {@code limit}. */
    public List<Scored> closest(float[] vector, double minSimilarity, Optional<UUID> excluding, int limit) {
        Published current = published;
        float[] vectors = current.vectors();
        int projected = current.projected();
        float[] projection = new float[projected];
        double leftover = projected == 0 ? 0 : current.directions().project(vector, 0, projection, 0);
        PriorityQueue<Scored> closest = new PriorityQueue<>(Comparator.comparingDouble(Scored::similarity));
        for (int i = 0; i < current.size(); i++) {
            if (projected > 0) {
                double needed = closest.size() < limit ? minSimilarity : Math.max(minSimilarity, closest.peek().similarity());
                if (PrincipalDirections.bound(projection, leftover, current.projections(), i * projected,
                        current.leftovers()[i]) + ROUNDING < needed) {
                    continue;
                }
            }
            double similarity = SentenceEmbeddings.dot(vector, vectors, i * dimensions);
            if (similarity >= minSimilarity && (closest.size() < limit || similarity > closest.peek().similarity())) {
                UUID id = current.ids()[i];
                if (excluding.isEmpty() || !excluding.get().equals(id)) {
                    closest.add(new Scored(id, similarity));
                    if (closest.size() > limit) {
                        closest.poll();
                    }
                }
            }
        }
        List<Scored> best = new ArrayList<>(closest);
        best.sort(Comparator.comparingDouble(Scored::similarity).reversed());
        return best;
    }
}
