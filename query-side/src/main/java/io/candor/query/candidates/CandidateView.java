package io.candor.query.candidates;

import io.candor.events.Commitment;
import io.candor.events.SearchOutcome;
import io.candor.events.TeamRole;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One candidate as the directory stores and serves it; {@code opportunities} is counted when read. */
public class CandidateView {

    public String id;
    public String firmId;
    public String displayName;
    public String email;
    public boolean employed;
    public boolean searchActive;
    public Instant registeredAt;
    public Instant searchStartedAt;
    public Instant searchEndedAt;
    public SearchOutcome searchOutcome;
    public boolean erased;
    public Instant erasedAt;
    public List<TeamMember> team = new ArrayList<>();
    public long opportunities;

    /** Someone on the job-search team; {@code releasedAt} once let go with thanks. */
    public static class TeamMember {
        public String name;
        public String email;
        public TeamRole role;
        public Commitment commitment;
        public String helpsWith;
        public Instant addedAt;
        public Instant releasedAt;
        public String thanks;
    }
}
