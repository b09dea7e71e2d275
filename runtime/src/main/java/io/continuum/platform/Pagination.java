package io.continuum.platform;

import io.continuum.problem.ProblemException;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Cursor pagination of the API: {@code ?limit=&after=}, where {@code after} is the opaque
 * {@code nextCursor} of the previous page (the id of its last item).
 */
public final class Pagination {

    private static final int MAX_PAGE = 200;

    private Pagination() {
    }

    public static int pageSize(int requested) {
        return Math.max(1, Math.min(requested, MAX_PAGE));
    }

    public static Optional<UUID> cursor(String after) {
        if (after == null || after.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(after));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Cursor 'after' is not one this API returned");
        }
    }

    /** The next cursor when the page is full, else null: a short page is the last one. */
    public static String next(int returned, int pageSize, Supplier<UUID> lastId) {
        return returned == pageSize ? lastId.get().toString() : null;
    }
}
