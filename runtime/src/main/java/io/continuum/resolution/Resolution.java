package io.continuum.resolution;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One engineering problem and everything customers were told about it. */
@Entity
public class Resolution extends PanacheEntityBase {

    @Id
    public UUID id;
    public String caseRef;
    public String title;
    public String issueType;
    public String owningTeam;
    public String status;
    public Instant etaWindowStart;
    public Instant etaWindowEnd;
    public String etaSetBy;
    public String rootCause;
    public String fixDescription;
    public String summary;
    public String swarmChannelId;
    public String swarmStatus;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> swarmParticipants = new ArrayList<>();
    public String processInstanceId;
    public String updateInterval;
    public Instant nextUpdateDueAt;
    public Instant clockStartedAt;
    public Instant clockPausedAt;
    public long pausedSeconds;
    public UUID knowledgeArticleId;
    public String createdBy;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant resolvedAt;
    @Version
    public long version;

    public ResolutionStatus resolutionStatus() {
        return ResolutionStatus.fromWire(status).orElseThrow();
    }

    public boolean hasWindow() {
        return etaWindowEnd != null;
    }

    /** Time the clock ran: from creation to now (or resolution), minus paused time. */
    public Duration elapsed(Instant now) {
        Instant end = resolvedAt != null ? resolvedAt : now;
        long paused = pausedSeconds + (clockPausedAt == null ? 0 : Duration.between(clockPausedAt, end).toSeconds());
        return Duration.between(clockStartedAt, end).minusSeconds(paused);
    }
}
