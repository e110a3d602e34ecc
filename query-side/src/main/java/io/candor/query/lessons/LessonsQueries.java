package io.candor.query.lessons;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.candor.query.support.QueryNotFoundException;
import io.candor.query.support.ViewDocuments;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads a candidate's lessons; questions come most frequent first. */
@Component
public class LessonsQueries {

    private final MongoCollection<Document> views;

    LessonsQueries(MongoDatabase candorDatabase) {
        this.views = candorDatabase.getCollection(LessonsProjection.LESSONS);
    }

    /** The lessons-learned view. */
    public record Lessons(String candidateId, List<LessonsView.Question> questions, List<LessonsView.Note> resumeClarifications,
                   List<LessonsView.Note> insights, List<LessonsView.Note> redFlags, List<LessonsView.Note> skillGaps,
                   List<LessonsView.Note> selfPresentation, List<LessonsView.PracticeInterview> practiceInterviews,
                   List<LessonsView.Surprise> surprises, List<LessonsView.Lesson> lessons) {
    }

    public Lessons lessons(String candidateId) {
        Document document = views.find(Filters.eq("_id", candidateId)).first();
        LessonsView view = document == null ? null : ViewDocuments.fromDocument(document, LessonsView.class);
        if (view == null || !view.registered) {
            throw new QueryNotFoundException("No candidate " + candidateId);
        }
        List<LessonsView.Question> questions = new ArrayList<>(view.questions);
        questions.sort(Comparator.comparingInt((LessonsView.Question q) -> q.count).reversed().thenComparing(q -> q.key));
        return new Lessons(candidateId, questions, view.resumeClarifications, view.insights, view.redFlags,
                view.skillGaps, view.selfPresentation, view.practiceInterviews, view.surprises, view.lessons);
    }
}
