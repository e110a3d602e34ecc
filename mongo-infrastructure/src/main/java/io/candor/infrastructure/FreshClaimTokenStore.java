package io.candor.infrastructure;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token store that writes a processor's claim and token about once a {@code fresh} period while the processor is
 * busy, not for every batch. Axon's tracking processor extends its claim at the start of every batch and stores its
 * token at the end: two writes per batch per processor, and under load each view handles a batch every few tens of
 * milliseconds. A claim lasts {@code claimTimeout} (10 s for the Mongo store) from its last write; within
 * {@code fresh} of a write this process made, nobody else can hold it. So:
 * <ul>
 *   <li>an extension within {@code fresh} of the last write is skipped;</li>
 *   <li>a token a processor stores at the end of a batch within {@code fresh} of the last write is kept here, once
 *       the batch has committed, and written with the next write of the claim: the next token stored after
 *       {@code fresh}, the next extension after it (a processor that finds no event extends its claim every
 *       second), or the release of the claim (a processor stopping, or handing its segment to another process).</li>
 * </ul>
 * A token stored outside a processor's batch (a reset, a processor moving past events it does not handle) is written
 * at once.
 * <p>
 * Safe because nothing is decided on a skipped write alone. Axon's Mongo store writes a token on a claim that is
 * this process's, released, or expired; a claim can be taken by another process only after {@code claimTimeout}
 * without a write. So a token written within that time of this process's last write is written on its own claim,
 * and one written later (after a pause of the process) is preceded by an extension of the claim, which fails on a
 * claim taken or released since, instead of taking it back with an older token. A batch whose token cannot be
 * stored is rolled back and handled again by whoever owns the segment. And a process that dies with a token kept
 * here leaves the one it wrote last: the next owner handles again the batches after it, at most {@code fresh} and
 * a second of them, and each view applies an event once however often it is handled (the same as when a batch is
 * retried). On the embedded server that changes nothing at all: the views and the tokens are committed to its file
 * together, once a second. A released or deleted claim is forgotten at once.
 * <p>
 * Before it writes a token, it waits for what the writing thread left to finish in the background before its next
 * token ({@link TokenFence}: a view's positions), and writes nothing if that failed.
 */
public final class FreshClaimTokenStore implements TokenStore {

    private static final Logger log = LoggerFactory.getLogger(FreshClaimTokenStore.class);

    private final TokenStore delegate;
    private final long freshNanos;
    /**
     * How long after this process's last write of a claim no other process can have taken it: the claim timeout,
     * less {@code fresh} as a margin for the other processes' clocks.
     */
    private final long ownedNanos;
    private final LongSupplier nanoTime;
    /** Per processor and segment, when this process last wrote its claim ({@link System#nanoTime()}). */
    private final Map<String, Long> confirmed = new ConcurrentHashMap<>();
    /** Per processor and segment, the token of its last committed batch, if not written yet. */
    private final Map<String, TrackingToken> unwritten = new ConcurrentHashMap<>();

    /**
     * @param delegate     the store
     * @param fresh        how long after a write of the claim an extension is skipped, and a batch's token kept
     *                     to be written later: well under the claim timeout
     * @param claimTimeout how long the store's claims last from their last write
     */
    public FreshClaimTokenStore(TokenStore delegate, Duration fresh, Duration claimTimeout) {
        this(delegate, fresh, claimTimeout, System::nanoTime);
    }

    FreshClaimTokenStore(TokenStore delegate, Duration fresh, Duration claimTimeout, LongSupplier nanoTime) {
        this.delegate = Objects.requireNonNull(delegate);
        this.freshNanos = fresh.toNanos();
        this.ownedNanos = claimTimeout.toNanos() - freshNanos;
        if (ownedNanos <= 0) {
            throw new IllegalArgumentException("fresh (" + fresh + ") must be under the claim timeout (" + claimTimeout
                    + ")");
        }
        this.nanoTime = Objects.requireNonNull(nanoTime);
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        long before = nanoTime.getAsLong();
        Long last = confirmed.get(key(processorName, segment));
        if (last != null && before - last < freshNanos) {
            return;
        }
        TrackingToken token = unwritten.remove(key(processorName, segment));
        if (token != null) {
            write(token, processorName, segment, before, last); // extends the claim too
        } else {
            delegate.extendClaim(processorName, segment);
        }
        confirmed.put(key(processorName, segment), before);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment)
            throws UnableToClaimTokenException {
        long before = nanoTime.getAsLong(); // the claim lasts from the write, which is after this
        String key = key(processorName, segment);
        Long last = confirmed.get(key);
        if (last != null && before - last < freshNanos && CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch) {
            // a processor's batch, storing its token as it commits: kept once the batch has, written later
            batch.afterCommit(committed -> unwritten.put(key, token));
            return;
        }
        unwritten.remove(key);
        write(token, processorName, segment, before, last);
        confirmed.put(key, before);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        writeUnwritten(processorName, segment);
        long before = nanoTime.getAsLong();
        TrackingToken token = delegate.fetchToken(processorName, segment);
        confirmed.put(key(processorName, segment), before);
        return token;
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment)
            throws UnableToClaimTokenException {
        writeUnwritten(processorName, segment.getSegmentId());
        long before = nanoTime.getAsLong();
        TrackingToken token = delegate.fetchToken(processorName, segment);
        confirmed.put(key(processorName, segment.getSegmentId()), before);
        return token;
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        writeUnwritten(processorName, segment);
        confirmed.remove(key(processorName, segment));
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        unwritten.remove(key(processorName, segment));
        confirmed.remove(key(processorName, segment));
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount)
            throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount,
                                        TrackingToken initialToken) throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment)
            throws UnableToInitializeTokenException {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }

    /**
     * Writes the token this process keeps for the segment, if any, before the claim is released or fetched again. A
     * claim another process has taken meanwhile keeps what that process stored: the batches after this process's
     * last written token are handled again there.
     */
    private void writeUnwritten(String processorName, int segment) {
        TrackingToken token = unwritten.remove(key(processorName, segment));
        if (token != null) {
            try {
                write(token, processorName, segment, nanoTime.getAsLong(), confirmed.get(key(processorName, segment)));
            } catch (UnableToClaimTokenException claimLost) {
                log.info("Processor {} lost its claim on segment {} before its last token was written; the batches "
                        + "after its last written token are handled again", processorName, segment);
            } catch (RuntimeException notWritten) {
                // what the batches left to finish failed (TokenFence), or the store did: the claim is still
                // released or fetched, and the batches after the last written token are handled again
                log.warn("Processor {} could not write its last token of segment {}; the batches after its last "
                        + "written token are handled again", processorName, segment, notWritten);
            }
        }
    }

    /**
     * Writes a token on this process's claim. Past {@link #ownedNanos} since this process last wrote the claim (a
     * pause), the claim is extended first: Axon's Mongo store would write the token on a claim another process took
     * and released meanwhile, or that expired, and take it back with an older token; its extension fails on any claim
     * not this process's. A token stored with no claim of this process's known (a reset) is written as it is. Either
     * way, after what the writing thread left to finish before its next token ({@link TokenFence}).
     */
    private void write(TrackingToken token, String processorName, int segment, long now, Long lastWrite) {
        TokenFence.pass();
        if (lastWrite != null && now - lastWrite >= ownedNanos) {
            delegate.extendClaim(processorName, segment);
        }
        delegate.storeToken(token, processorName, segment);
    }

    private static String key(String processorName, int segment) {
        return processorName + '\u0000' + segment;
    }
}
