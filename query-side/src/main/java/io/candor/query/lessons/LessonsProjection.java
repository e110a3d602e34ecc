package io.candor.query.lessons;

import com.mongodb.client.MongoDatabase;
import io.candor.events.CompanySignal;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.LessonCategory;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.infrastructure.personaldata.PersonalDataSerializer;
import io.candor.events.opportunity.OpportunityEvent.InterviewAttended;
import io.candor.events.opportunity.OpportunityEvent.InvitationReceived;
import io.candor.events.opportunity.OpportunityEvent.LessonRecorded;
import io.candor.events.opportunity.OpportunityEvent.OfferReceived;
import io.candor.query.lessons.LessonsView.Note;
import io.candor.query.lessons.LessonsView.OpportunityRef;
import io.candor.query.support.CandidateDocuments;
import io.candor.query.support.Stages;
import io.candor.query.support.ViewPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Builds {@value #LESSONS}: one document per candidate ({@code _id} = candidate id), replaced whole per event with
 * the positions it has applied, so an event already applied is skipped (question counts never double).
 * Questions are grouped by normalised text (trimmed, lower case, spaces collapsed, trailing "?" dropped).
 */
@Component
@ProcessingGroup(LessonsProjection.VIEW)
class LessonsProjection {

    static final String VIEW = "lessons";
    static final String LESSONS = "lessons_by_candidate";

    private final CandidateDocuments<LessonsView> views;

    LessonsProjection(MongoDatabase candorDatabase, ViewPositions positions) {
        this.views = new CandidateDocuments<>(VIEW, candorDatabase.getCollection(LESSONS), LessonsView.class,
                LessonsView::new, positions);
    }

    @EventHandler
    void on(CandidateEvent event, @SequenceNumber long sequence) {
        String candidateId = event.candidateId().value();
        views.update(candidateId, candidateId, sequence, view -> {
            if (event instanceof CandidateEvent.CandidateRegistered) {
                view.registered = true;
            } else if (event instanceof CandidateEvent.CandidatePersonalDataErased) {
                erase(view);
            }
        });
    }

    @EventHandler
    void on(OpportunityEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        views.update(event.candidateId().value(), event.opportunityId().value(), sequence,
                view -> apply(view, event, Stages.happenedOrRecorded(Stages.happenedAt(event), recordedAt)));
    }

    @ResetHandler
    void reset() {
        views.clear();
    }

    /**
     * Erasure replaces every text the candidate wrote or was asked by {@link PersonalDataSerializer#ERASED}, keeping
     * categories, companies, instants and counts; the questions become one, asked as often as all of them were. A
     * replay after erasure reads every such text as erased from the events, and arrives at the same view.
     */
    static void erase(LessonsView view) {
        String erased = PersonalDataSerializer.ERASED;
        if (!view.questions.isEmpty()) {
            LessonsView.Question all = new LessonsView.Question();
            all.key = normalise(erased);
            all.text = erased;
            view.questions.forEach(question -> {
                all.count += question.count;
                all.askedAt.addAll(question.askedAt);
            });
            all.askedAt.sort(Comparator.comparing(LessonsView.Asked::at));
            view.questions = new ArrayList<>(List.of(all));
        }
        for (List<Note> notes : List.of(view.resumeClarifications, view.insights, view.redFlags, view.skillGaps,
                view.selfPresentation)) {
            notes.replaceAll(note -> "COMPANY_SIGNAL".equals(note.source()) ? note
                    : new Note(erased, note.company(), note.opportunityId(), note.at(), note.source()));
        }
        view.lessons.replaceAll(lesson -> new LessonsView.Lesson(lesson.category(), erased, lesson.company(),
                lesson.opportunityId(), lesson.at()));
    }

    /** Trim, lower case, collapse whitespace, drop trailing question marks. */
    static String normalise(String question) {
        String normal = question.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        while (normal.endsWith("?")) {
            normal = normal.substring(0, normal.length() - 1).trim();
        }
        return normal;
    }

    private static void apply(LessonsView view, OpportunityEvent event, Instant at) {
        OpportunityRef opportunity = opportunity(view, event.opportunityId().value());
        if (event instanceof InvitationReceived e) {
            opportunity.company = e.company();
            opportunity.role = e.role();
            opportunity.interest = e.interest();
            List<CompanySignal> signals = e.companySignals() == null ? List.of() : new ArrayList<>(e.companySignals());
            signals.stream().sorted().forEach(signal -> view.redFlags.add(
                    new Note(signal.name(), e.company(), opportunity.opportunityId, at, "COMPANY_SIGNAL")));
        } else if (event instanceof InterviewAttended e) {
            for (String question : nonBlank(e.questions())) {
                asked(view, opportunity, question, at);
            }
            for (String text : nonBlank(e.resumeClarifications())) {
                view.resumeClarifications.add(new Note(text, opportunity.company, opportunity.opportunityId, at, "INTERVIEW"));
            }
            for (String text : nonBlank(e.insights())) {
                view.insights.add(new Note(text, opportunity.company, opportunity.opportunityId, at, "INTERVIEW"));
            }
            if (opportunity.interest == Interest.NOT_INTERESTED || e.fit() == Fit.NOT_A_FIT) {
                view.practiceInterviews.add(new LessonsView.PracticeInterview(opportunity.opportunityId,
                        opportunity.company, opportunity.role, e.round(), at, opportunity.interest, e.fit()));
            }
        } else if (event instanceof OfferReceived) {
            if (!opportunity.surprised
                    && (opportunity.interest == Interest.UNSURE || opportunity.interest == Interest.NOT_INTERESTED)) {
                opportunity.surprised = true;
                view.surprises.add(new LessonsView.Surprise(opportunity.opportunityId, opportunity.company,
                        opportunity.role, opportunity.interest, at));
            }
        } else if (event instanceof LessonRecorded e) {
            if (e.text() == null || e.text().isBlank()) {
                return;
            }
            view.lessons.add(new LessonsView.Lesson(e.category(), e.text(), opportunity.company, opportunity.opportunityId, at));
            Note note = new Note(e.text(), opportunity.company, opportunity.opportunityId, at, "LESSON");
            LessonCategory category = e.category() == null ? LessonCategory.MARKET_INSIGHT : e.category();
            switch (category) {
                case INTERVIEW_QUESTION -> asked(view, opportunity, e.text(), at);
                case RESUME_CLARITY -> view.resumeClarifications.add(note);
                case MARKET_INSIGHT -> view.insights.add(note);
                case SKILL_GAP -> view.skillGaps.add(note);
                case RED_FLAG -> view.redFlags.add(note);
                case SELF_PRESENTATION -> view.selfPresentation.add(note);
            }
        }
    }

    private static void asked(LessonsView view, OpportunityRef opportunity, String text, Instant at) {
        String key = normalise(text);
        if (key.isEmpty()) {
            return;
        }
        LessonsView.Question question = view.questions.stream().filter(q -> q.key.equals(key)).findFirst().orElseGet(() -> {
            LessonsView.Question created = new LessonsView.Question();
            created.key = key;
            created.text = text.trim();
            view.questions.add(created);
            return created;
        });
        question.count++;
        question.askedAt.add(new LessonsView.Asked(opportunity.company, opportunity.opportunityId, at));
    }

    private static List<String> nonBlank(List<String> texts) {
        return texts == null ? List.of() : texts.stream().filter(t -> t != null && !t.isBlank()).toList();
    }

    private static OpportunityRef opportunity(LessonsView view, String opportunityId) {
        for (OpportunityRef opportunity : view.opportunities) {
            if (opportunity.opportunityId.equals(opportunityId)) {
                return opportunity;
            }
        }
        OpportunityRef opportunity = new OpportunityRef();
        opportunity.opportunityId = opportunityId;
        view.opportunities.add(opportunity);
        return opportunity;
    }
}
