package io.continuum.decisions;

import io.continuum.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Policies as files in a git work tree laid out like this repository ({@code rules/}, {@code decision-tables/}):
 * a published version is written byte for byte to its file and committed with its publisher as
 * author, so developers review analysts' changes as commits; a file from git becomes a new version.
 */
@ApplicationScoped
public class PolicyGit {

    private final Optional<Path> repository;
    private final PolicyStore store;

    PolicyGit(@ConfigProperty(name = "continuum.decisions.git.repository") Optional<Path> repository, PolicyStore store) {
        this.repository = repository;
        this.store = store;
    }

    /** Where an exported version went and, when committed, the commit. */
    public record Export(String path, String commitId) {
    }

    public Export export(String name, int versionNumber, boolean commit) {
        Path root = requireRepository();
        Policy policy = store.requirePolicy(name);
        PolicyVersion version = store.requireVersion(name, versionNumber);
        String relative = relativePath(policy);
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, version.source.getBytes(StandardCharsets.UTF_8));
            if (!commit) {
                return new Export(relative, null);
            }
            try (Git git = openOrInit(root)) {
                git.add().addFilepattern(relative).call();
                var staged = git.status().addPath(relative).call();
                if (staged.getAdded().isEmpty() && staged.getChanged().isEmpty() && git.getRepository().resolve("HEAD") != null) {
                    // the file already holds exactly this version: its commit is the current one
                    return new Export(relative, git.getRepository().resolve("HEAD").getName());
                }
                String publisher = version.publishedBy == null ? version.author : version.publishedBy;
                PersonIdent author = new PersonIdent(publisher, publisher + "@continuum.local");
                RevCommit created = git.commit()
                        .setAuthor(author).setCommitter(new PersonIdent("Continuum", "continuum@continuum.local"))
                        .setMessage(name + " version " + versionNumber + (version.comment == null ? "" : ": " + version.comment)
                                + "\n\nStatus: " + version.status + "\nAuthor: " + version.author)
                        .setAllowEmpty(false)
                        .call();
                return new Export(relative, created.getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Policy file could not be written", e);
        } catch (GitAPIException e) {
            throw ProblemException.conflict("git-commit-failed", "The policy file was written but not committed: " + e.getMessage());
        }
    }

    /** Reads the policy's file from the work tree and stores it as a new (validated) version. */
    public PolicyVersion importFile(String name, String user) {
        Path root = requireRepository();
        Policy policy = store.requirePolicy(name);
        String relative = relativePath(policy);
        Path file = root.resolve(relative);
        if (!Files.exists(file)) {
            throw ProblemException.notFound("Policy file", relative);
        }
        try {
            String head = headCommit(root).map(id -> " at commit " + id).orElse("");
            return store.createVersion(name, Files.readString(file, StandardCharsets.UTF_8), user, "Imported from git " + relative + head);
        } catch (IOException e) {
            throw new UncheckedIOException("Policy file could not be read", e);
        }
    }

    private static Optional<String> headCommit(Path root) {
        if (!Files.exists(root.resolve(".git"))) {
            return Optional.empty();
        }
        try (Git git = Git.open(root.toFile())) {
            return Optional.ofNullable(git.getRepository().resolve("HEAD")).map(id -> id.getName());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Git openOrInit(Path root) throws IOException, GitAPIException {
        return Files.exists(root.resolve(".git")) ? Git.open(root.toFile()) : Git.init().setDirectory(root.toFile()).call();
    }

    private static String relativePath(Policy policy) {
        return policy.policyKind().folder() + "/" + policy.name + "." + policy.policyKind().extension();
    }

    private Path requireRepository() {
        return repository.orElseThrow(() -> ProblemException.conflict("git-not-configured",
                "Set continuum.decisions.git.repository to a git work tree to export and import policies"));
    }
}
