package io.candor.command.candidate;

import io.candor.events.CandidateId;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Answers from the Candidate aggregate itself, loaded in the asking command's unit of work. */
@Component
class RepositoryCandidates implements Candidates {

    private final Repository<Candidate> candidates;

    RepositoryCandidates(Repository<Candidate> candidates) {
        this.candidates = candidates;
    }

    @Override
    public void requireNotErased(CandidateId candidateId) {
        candidates.load(candidateId.toString()).execute(Candidate::refuseIfErased);
    }
}
