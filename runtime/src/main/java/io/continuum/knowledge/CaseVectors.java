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
 */
public final class CaseVectors {

    /** A case and how similar its first message is to the one looked up (cosine: the vectors are unit length). */
    public record Scored(UUID conversationId, double similarity) {
    }

    private record Published(float[] vectors, UUID[] ids, int size) {
    }

    private static final int FIRST_CAPACITY = 1_024;

    private final int dimensions;
    private final int cap;
    private volatile Published published;
    /** Guarded by {@code this}. */
    private final Set<UUID> known = new HashSet<>();

    /** @param cap how many cases are held; beyond it the oldest tenth is dropped */
    public CaseVectors(int dimensions, int cap) {
        this.dimensions = dimensions;
        this.cap = cap;
        this.published = new Published(new float[0], new UUID[0], 0);
    }

    public synchronized boolean contains(UUID conversationId) {
        return known.contains(conversationId);
    }

    public int size() {
        return published.size();
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
        if (size == ids.length) {
            int capacity = Math.max(FIRST_CAPACITY, ids.length * 2);
            vectors = Arrays.copyOf(vectors, capacity * dimensions);
            ids = Arrays.copyOf(ids, capacity);
        }
        System.arraycopy(vector, 0, vectors, size * dimensions, dimensions);
        ids[size] = conversationId;
        published = new Published(vectors, ids, size + 1);
        return true;
    }

    public synchronized void removeAll(Set<UUID> conversationIds) {
        Published current = published;
        float[] vectors = new float[current.vectors().length];
        UUID[] ids = new UUID[current.ids().length];
        int kept = 0;
        for (int i = 0; i < current.size(); i++) {
            if (!conversationIds.contains(current.ids()[i])) {
                System.arraycopy(current.vectors(), i * dimensions, vectors, kept * dimensions, dimensions);
                ids[kept++] = current.ids()[i];
            }
        }
        known.removeAll(conversationIds);
        published = new Published(vectors, ids, kept);
    }

    private Published withoutOldest(Published current, int dropped) {
        int kept = current.size() - dropped;
        float[] vectors = new float[current.vectors().length];
        UUID[] ids = new UUID[current.ids().length];
        System.arraycopy(current.vectors(), dropped * dimensions, vectors, 0, kept * dimensions);
        System.arraycopy(current.ids(), dropped, ids, 0, kept);
        for (int i = 0; i < dropped; i++) {
            known.remove(current.ids()[i]);
        }
        return new Published(vectors, ids, kept);
    }

    /** The cases at least {@code minSimilarity} similar to the vector, best first, at most {@code limit}. */
    public List<Scored> closest(float[] vector, double minSimilarity, Optional<UUID> excluding, int limit) {
        Published current = published;
        float[] vectors = current.vectors();
        PriorityQueue<Scored> closest = new PriorityQueue<>(Comparator.comparingDouble(Scored::similarity));
        for (int i = 0; i < current.size(); i++) {
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
