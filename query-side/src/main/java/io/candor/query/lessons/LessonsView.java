package io.candor.query.lessons;

import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.LessonCategory;
import io.candor.query.support.AppliedPositions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A candidate's lessons as stored, with what the projection remembers of each opportunity. */
public class LessonsView extends AppliedPositions {

    public String candidateId;
    public boolean registered;
    public List<Question> questions = new ArrayList<>();
    public List<Note> resumeClarifications = new ArrayList<>();
    public List<Note> insights = new ArrayList<>();
    public List<Note> redFlags = new ArrayList<>();
    public List<Note> skillGaps = new ArrayList<>();
    public List<Note> selfPresentation = new ArrayList<>();
    public List<PracticeInterview> practiceInterviews = new ArrayList<>();
    public List<Surprise> surprises = new ArrayList<>();
    public List<Lesson> lessons = new ArrayList<>();
    public List<OpportunityRef> opportunities = new ArrayList<>();

    /** For reading a stored view back. */
    public LessonsView() {
    }

    /** The empty lessons of a candidate not seen before. */
    public LessonsView(String candidateId) {
        this.candidateId = candidateId;
    }

    /** A question, grouped by its normalised text, with every time it was asked. */
    public static class Question {
        public String key;
        public String text;
        public int count;
        public List<Asked> askedAt = new ArrayList<>();
    }

    /** Where and when a question was asked. */
    public record Asked(String company, String opportunityId, Instant at) {
    }

    /** Something learned, with where: a résumé clarification, an insight, a red flag, a gap. {@code source} tells which event said it. */
    public record Note(String text, String company, String opportunityId, Instant at, String source) {
    }

    /** An interview taken although not interested, or found not a fit: practice (seed 003). */
    public record PracticeInterview(String opportunityId, String company, String role, int round, Instant at,
                                    Interest interest, Fit fit) {
    }

    /** An opportunity that began UNSURE or NOT_INTERESTED and reached an offer. */
    public record Surprise(String opportunityId, String company, String role, Interest interest, Instant offeredAt) {
    }

    /** A lesson recorded as such. */
    public record Lesson(LessonCategory category, String text, String company, String opportunityId, Instant at) {
    }

    /** What the projection remembers of one opportunity. */
    public static class OpportunityRef {
        public String opportunityId;
        public String company;
        public String role;
        public Interest interest;
        public boolean surprised;
    }
}
