package io.candor.query.pipeline;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.candor.events.Channel;
import io.candor.events.CompanySignal;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.Person;
import io.candor.events.Reason;
import io.candor.events.Source;
import io.candor.events.Stage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One opportunity as the pipeline view stores and serves it. A mutable view document: the projection loads it,
 * applies one event, and writes it back whole together with the sequence it applied.
 */
public class OpportunityView {

    public String id;
    public String candidateId;
    public String company;
    public String role;
    public Source source;
    public Channel channel;
    public Interest interest;
    public Stage stage;
    public int round;
    public Stage furthestStage;
    public Instant receivedAt;
    public Instant scheduledFor;
    public int interviewsAttended;
    public Fit fit;
    public Offer offer;
    public Reason endReason;
    public Instant endedAt;
    public Person referrer;
    public List<CompanySignal> companySignals = new ArrayList<>();
    public String alternativeTo;
    public List<String> alternatives = new ArrayList<>();
    public List<HistoryEntry> history = new ArrayList<>();
    /** Computed when read (open runs last until now); not meaningful in the stored document. */
    public List<StageRun> timeInStage;

    /** The open (or last) offer. */
    public static class Offer {
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        public BigDecimal salary;
        public String currency;
        public Instant respondBy;
        public Instant receivedAt;
    }

    /**
     * One event in the opportunity's life: its type, the stage after it, when it happened ({@code at}) and
     * when it was recorded.
     */
    public record HistoryEntry(String event, Stage stage, int round, Instant at, Instant recordedAt, long sequence) {
    }

    /** A stretch of time in one stage; an open run of a stage that is not an end lasts until now. */
    public record StageRun(Stage stage, Instant from, Instant to, String duration, Long seconds) {
    }
}
