package io.candor.infrastructure;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token store that does not extend a claim this process wrote a moment ago. Axon's tracking processor extends
 * its claim at the start of every batch and stores its token at the end: two writes per batch per processor,
 * and in the live phase each command is a batch for each of the five views, so ten token writes per command
 * (counted in the launcher's driver metrics: 17,326 token updates for 1,800 commands). A claim lasts
 * {@code claimTimeout} (10 s for the Mongo store) from its last write; within {@code fresh} of a write this process
 * made, nobody else can hold it, so the extension is skipped and only the token is written.
 * <p>
 * Safe because nothing is decided on the skipped extension alone: storing the token still checks, in its one
 * update, that this process owns the claim, and a batch whose token cannot be stored is rolled back and
 * handled again by whoever owns the segment; each view applies an event once whatever how often it is handled.
 * A released or deleted claim is forgotten at once.
 */
public final class FreshClaimTokenStore implements TokenStore {

    private final TokenStore delegate;
    private final long freshNanos;
    private final LongSupplier nanoTime;
    /** Per processor and segment, when this process last wrote its claim ({@link System#nanoTime()}). */
    private final Map<String, Long> confirmed = new ConcurrentHashMap<>();

    /**
     * @param delegate the store
     * @param fresh    how long after a write of the claim an extension is skipped: well under the claim timeout
     */
    public FreshClaimTokenStore(TokenStore delegate, Duration fresh) {
        this(delegate, fresh, System::nanoTime);
    }

    FreshClaimTokenStore(TokenStore delegate, Duration fresh, LongSupplier nanoTime) {
        this.delegate = Objects.requireNonNull(delegate);
        this.freshNanos = fresh.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime);
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        long before = nanoTime.getAsLong();
        Long last = confirmed.get(key(processorName, segment));
        if (last != null && before - last < freshNanos) {
            return;
        }
        delegate.extendClaim(processorName, segment);
        confirmed.put(key(processorName, segment), before);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment)
            throws UnableToClaimTokenException {
        long before = nanoTime.getAsLong(); // the claim lasts from the write, which is after this
        delegate.storeToken(token, processorName, segment);
        confirmed.put(key(processorName, segment), before);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        long before = nanoTime.getAsLong();
        TrackingToken token = delegate.fetchToken(processorName, segment);
        confirmed.put(key(processorName, segment), before);
        return token;
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment)
            throws UnableToClaimTokenException {
        long before = nanoTime.getAsLong();
        TrackingToken token = delegate.fetchToken(processorName, segment);
        confirmed.put(key(processorName, segment.getSegmentId()), before);
        return token;
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        confirmed.remove(key(processorName, segment));
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
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

    private static String key(String processorName, int segment) {
        return processorName + '\u0000' + segment;
    }
}
