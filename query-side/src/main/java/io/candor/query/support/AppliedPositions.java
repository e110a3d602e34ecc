package io.candor.query.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The positions a view document spanning several aggregates (a candidate's contacts or lessons) has applied,
 * stored inside that document so that the state and its guard change in one atomic write.
 */
public class AppliedPositions {

    public List<Applied> applied = new ArrayList<>();

    /** The last sequence applied of one aggregate. */
    public record Applied(String aggregateId, long sequence) {
    }

    /** Whether {@code sequence} of {@code aggregateId} is already in this document. */
    public boolean hasApplied(String aggregateId, long sequence) {
        return applied.stream().anyMatch(a -> a.aggregateId().equals(aggregateId) && a.sequence() >= sequence);
    }

    /** Records {@code sequence} as the last one applied of {@code aggregateId}. */
    public void markApplied(String aggregateId, long sequence) {
        for (int i = 0; i < applied.size(); i++) {
            if (applied.get(i).aggregateId().equals(aggregateId)) {
                applied.set(i, new Applied(aggregateId, sequence)); // in place: the stored list changes in one element
                return;
            }
        }
        applied.add(new Applied(aggregateId, sequence));
    }
}
