package io.continuum.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A person who answers customers: what they can handle, where, and whether they can take work now. */
@Entity
public class Agent extends PanacheEntityBase {

    @Id
    public UUID id;
    /** The sign-in identity; the agent's tasks are listed for this user. */
    public String username;
    public String name;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> skills = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> languages = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> channels = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> teams = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> routingSkills = new ArrayList<>();
    public String status;
    public Instant statusChangedAt;
    public Instant createdAt;

    public AgentStatus agentStatus() {
        return AgentStatus.fromWire(status);
    }

    /** routing.dmn asks for a language as the skill "lang-" + code; an agent's languages count as such skills. */
    void deriveRoutingSkills() {
        List<String> derived = new ArrayList<>(skills);
        languages.stream().map(language -> "lang-" + language.toLowerCase()).filter(s -> !derived.contains(s))
                .forEach(derived::add);
        routingSkills = derived;
    }
}
