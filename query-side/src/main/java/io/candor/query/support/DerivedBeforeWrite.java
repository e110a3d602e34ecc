package io.candor.query.support;

/**
 * A view holding values derived from the rest of it, brought up to date once before the view is written or read
 * back by its batch ({@link ViewBatch}), rather than after each event: a batch of a candidate's events derives them
 * once, from what the last of them left.
 */
public interface DerivedBeforeWrite {

    /** Derives what the view derives from the rest of it. */
    void deriveBeforeWrite();
}
