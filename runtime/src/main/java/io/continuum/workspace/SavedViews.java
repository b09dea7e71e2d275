package io.continuum.workspace;

import io.continuum.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Each person's saved inbox views: theirs alone to list, add and remove. */
@ApplicationScoped
public class SavedViews {

    static final int MAX_NAME = 80;

    private final Clock clock;

    SavedViews(Clock clock) {
        this.clock = clock;
    }

    public List<SavedView> of(String owner) {
        return SavedView.list("owner = ?1 order by name", owner);
    }

    /** Keeps the filter under a name; the same person using a name twice is a 409. */
    @Transactional
    public SavedView save(String owner, String name, InboxFilter filter) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw ProblemException.badRequest("A saved view needs a name of 1 to " + MAX_NAME + " characters");
        }
        if (SavedView.count("owner = ?1 and name = ?2", owner, trimmed) > 0) {
            throw ProblemException.conflict("saved-view-exists", "You already have a view named " + trimmed);
        }
        SavedView view = new SavedView();
        view.id = UUID.randomUUID();
        view.owner = owner;
        view.name = trimmed;
        view.filter = filter.validated();
        view.createdAt = clock.instant();
        view.persist();
        return view;
    }

    /** Removes one of the person's views; someone else's is as unknown as a missing one (404). */
    @Transactional
    public void delete(String owner, UUID id) {
        if (SavedView.delete("id = ?1 and owner = ?2", id, owner) == 0) {
            throw ProblemException.notFound("Saved view", id);
        }
    }
}
