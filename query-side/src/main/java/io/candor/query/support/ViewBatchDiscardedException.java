package io.candor.query.support;

/**
 * Thrown to roll a batch of events back after one of its events failed and was parked as a dead letter (see
 * {@link ViewBatch#discardCurrent()}): the processor handles the batch again, and the parked event is skipped then.
 */
public class ViewBatchDiscardedException extends RuntimeException {

    ViewBatchDiscardedException() {
        super("An event of this batch failed and was parked as a dead letter; the batch is rolled back and handled "
                + "again without it, so that nothing its handlers staged is written");
    }
}
