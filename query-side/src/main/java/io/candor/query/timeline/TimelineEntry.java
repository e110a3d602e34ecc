package io.candor.query.timeline;

import io.candor.events.Stage;

import java.time.Instant;
import java.util.Map;

/**
 * One event of a candidate's history as the timeline stores and serves it. {@code happenedAt} is the event's own
 * instant, {@code recordedAt} the event message's timestamp. {@code stage}, {@code employed} and
 * {@code searchActive} are what the event set (null when it set nothing), folded into the timeline's state.
 */
public class TimelineEntry {

    public String eventId;
    public String candidateId;
    public String type;
    public String aggregateId;
    public long sequence;
    public String opportunityId;
    public String company;
    public String role;
    public Instant happenedAt;
    public Instant recordedAt;
    public String recordedBy;
    public String recordedByFirm;
    public String correlationId;
    public String summary;
    public Map<String, Object> details;
    public Stage stage;
    public Boolean employed;
    public Boolean searchActive;
}
