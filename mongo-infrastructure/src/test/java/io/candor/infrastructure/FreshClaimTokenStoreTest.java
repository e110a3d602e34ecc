package io.candor.infrastructure;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link FreshClaimTokenStore} over Axon's real Mongo token store on the embedded server: an extension right after
 * a write of the claim costs no write, nor does a batch's token, which is written with the claim's next write or its
 * release; a claim lost meanwhile is still found out when the token is stored.
 */
class FreshClaimTokenStoreTest {

    private static final String PROCESSOR = "pipeline";
    private static final Duration SHORT_CLAIMS = Duration.ofMillis(200);

    private final AtomicLong now = new AtomicLong();
    private final TokenStoreServer server = new TokenStoreServer();

    @AfterEach
    void stop() {
        server.close();
        TokenFence.forget(); // no wait left to a later test on this thread
    }

    @Test
    void anExtensionRightAfterAWriteOfTheClaimWritesNothing_oneLaterWritesIt() {
        FreshClaimTokenStore store = claimedByNodeA();
        store.storeToken(new GlobalSequenceTrackingToken(1), PROCESSOR, 0);
        int afterStore = server.tokenUpdates();

        now.addAndGet(Duration.ofMillis(900).toNanos());
        store.extendClaim(PROCESSOR, 0);
        assertThat(server.tokenUpdates()).as("within a second of the write").isEqualTo(afterStore);

        now.addAndGet(Duration.ofMillis(200).toNanos());
        store.extendClaim(PROCESSOR, 0);
        assertThat(server.tokenUpdates()).as("over a second after it").isEqualTo(afterStore + 1);
    }

    @Test
    void aClaimTakenOverMeanwhile_isFoundOutWhenTheTokenIsStored() {
        Duration claimTimeout = Duration.ofMillis(200);
        FreshClaimTokenStore nodeA = fresh(mongoStore("node-a", claimTimeout));
        TokenStore nodeB = mongoStore("node-b", claimTimeout);
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        nodeA.fetchToken(PROCESSOR, 0);
        // node-a stalls past its claim's timeout (its own clock stands still); node-b takes the segment over
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            nodeB.fetchToken(PROCESSOR, 0);
            return true;
        });

        nodeA.extendClaim(PROCESSOR, 0); // skipped: node-a thinks its claim fresh

        assertThatThrownBy(() -> nodeA.storeToken(new GlobalSequenceTrackingToken(5), PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void aReleasedClaimIsForgotten() {
        FreshClaimTokenStore store = claimedByNodeA();

        store.releaseClaim(PROCESSOR, 0);

        assertThatThrownBy(() -> store.extendClaim(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void aBatchsTokenWithinASecondOfTheLastWrite_isWrittenWithTheNextWriteOfTheClaim() {
        FreshClaimTokenStore store = claimedByNodeA();
        int afterClaim = server.tokenUpdates();

        now.addAndGet(Duration.ofMillis(300).toNanos());
        inBatch(() -> store.storeToken(new GlobalSequenceTrackingToken(5), PROCESSOR, 0), true);
        now.addAndGet(Duration.ofMillis(300).toNanos());
        inBatch(() -> store.storeToken(new GlobalSequenceTrackingToken(9), PROCESSOR, 0), true);
        assertThat(server.tokenUpdates()).as("within a second of the claim's write").isEqualTo(afterClaim);

        now.addAndGet(Duration.ofMillis(500).toNanos());
        store.extendClaim(PROCESSOR, 0);
        assertThat(server.tokenUpdates()).as("the extension over a second after it").isEqualTo(afterClaim + 1);
        assertThat(storedToken(store)).isEqualTo(new GlobalSequenceTrackingToken(9));
    }

    @Test
    void aBatchsTokenKeptHere_isWrittenWhenTheClaimIsReleased() {
        FreshClaimTokenStore store = claimedByNodeA();

        inBatch(() -> store.storeToken(new GlobalSequenceTrackingToken(4), PROCESSOR, 0), true);

        assertThat(storedToken(store)).isEqualTo(new GlobalSequenceTrackingToken(4));
    }

    @Test
    void aBatchRolledBack_leavesItsTokenUnwritten() {
        FreshClaimTokenStore store = claimedByNodeA();
        store.storeToken(new GlobalSequenceTrackingToken(2), PROCESSOR, 0);

        inBatch(() -> store.storeToken(new GlobalSequenceTrackingToken(6), PROCESSOR, 0), false);

        assertThat(storedToken(store)).isEqualTo(new GlobalSequenceTrackingToken(2));
    }

    @Test
    void aTokenStoredOutsideABatch_isWrittenAtOnce() {
        FreshClaimTokenStore store = claimedByNodeA();
        int afterClaim = server.tokenUpdates();

        store.storeToken(new GlobalSequenceTrackingToken(3), PROCESSOR, 0);

        assertThat(server.tokenUpdates()).isEqualTo(afterClaim + 1);
    }

    @Test
    void aTokenIsWrittenAfterWhatTheThreadLeftToFinishBeforeIt_andAKeptOneWaitsForNothing() {
        FreshClaimTokenStore store = claimedByNodeA();
        List<Integer> stored = new ArrayList<>();
        TokenFence.await(() -> stored.add(server.tokenUpdates()));

        now.addAndGet(Duration.ofMillis(300).toNanos());
        inBatch(() -> store.storeToken(new GlobalSequenceTrackingToken(5), PROCESSOR, 0), true);
        assertThat(stored).as("a token kept, not written").isEmpty();

        int beforeWrite = server.tokenUpdates();
        store.releaseClaim(PROCESSOR, 0);
        assertThat(stored).as("run once, before the token's write").containsExactly(beforeWrite);
        assertThat(server.tokenUpdates()).isGreaterThan(beforeWrite);
    }

    @Test
    void whatTheThreadFailedToFinish_keepsTheTokenUnwritten_andTheBatchIsRolledBack() {
        FreshClaimTokenStore store = claimedByNodeA();
        store.storeToken(new GlobalSequenceTrackingToken(2), PROCESSOR, 0);
        TokenFence.await(() -> {
            throw new IllegalStateException("the positions were not written");
        });

        now.addAndGet(Duration.ofMillis(1100).toNanos()); // past fresh: the batch's token is written, not kept
        BatchingUnitOfWork<EventMessage<?>> batch =
                new BatchingUnitOfWork<>(List.of(GenericEventMessage.asEventMessage("an event")));
        batch.onPrepareCommit(committing -> store.storeToken(new GlobalSequenceTrackingToken(6), PROCESSOR, 0));
        batch.start();
        assertThatThrownBy(batch::commit).hasMessageContaining("positions were not written");

        assertThat(batch.isRolledBack()).isTrue();
        assertThat(storedToken(store)).isEqualTo(new GlobalSequenceTrackingToken(2));
    }

    @Test
    void aReleaseWhoseKeptTokenCannotBeWritten_stillReleasesTheClaim_andLeavesTheTokenWrittenLast() {
        FreshClaimTokenStore store = claimedByNodeA();
        store.storeToken(new GlobalSequenceTrackingToken(2), PROCESSOR, 0);
        inBatch(() -> store.storeToken(new GlobalSequenceTrackingToken(6), PROCESSOR, 0), true); // kept
        TokenFence.await(() -> {
            throw new IllegalStateException("the positions were not written");
        });

        store.releaseClaim(PROCESSOR, 0); // the processor stops

        TokenStore nodeB = mongoStore("node-b", Duration.ofSeconds(10));
        assertThat(nodeB.fetchToken(PROCESSOR, 0)).as("released: node-b takes it at once, from the token written last")
                .isEqualTo(new GlobalSequenceTrackingToken(2));
    }

    @Test
    void aStalledNodesNextExtension_doesNotTakeBackWithItsKeptTokenASegmentAnotherNodeTookAndReleased() {
        FreshClaimTokenStore nodeA = keptT5WhileNodeBTookTheSegmentFromT2AndReleasedItAtT9();

        // node-a's idle loop extends its claim, its own clock having moved on past the claim timeout
        now.addAndGet(Duration.ofMillis(1100).toNanos());
        assertThatThrownBy(() -> nodeA.extendClaim(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);

        assertThat(storedToken()).as("the token node-b stored").isEqualTo(new GlobalSequenceTrackingToken(9));
    }

    @Test
    void aStalledNodesRelease_doesNotWriteItsKeptTokenOverTheOneAnotherNodeStoredSince() {
        FreshClaimTokenStore nodeA = keptT5WhileNodeBTookTheSegmentFromT2AndReleasedItAtT9();

        now.addAndGet(SHORT_CLAIMS.toNanos() + 1);
        nodeA.releaseClaim(PROCESSOR, 0); // its processor stops, or fails a batch

        assertThat(storedToken()).as("the token node-b stored").isEqualTo(new GlobalSequenceTrackingToken(9));
    }

    /**
     * node-a writes T2 and keeps T5, then stalls (its clock too) past its claim's timeout; node-b takes the segment
     * over from T2, stores T9 and releases it (as the segment balancer hands a segment back).
     */
    private FreshClaimTokenStore keptT5WhileNodeBTookTheSegmentFromT2AndReleasedItAtT9() {
        // claims of 200 ms in the store; node-a's own window, the timeout less fresh, is as long
        FreshClaimTokenStore nodeA = new FreshClaimTokenStore(mongoStore("node-a", SHORT_CLAIMS),
                Duration.ofSeconds(1), SHORT_CLAIMS.plusSeconds(1), now::get);
        TokenStore nodeB = mongoStore("node-b", SHORT_CLAIMS);
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        nodeA.fetchToken(PROCESSOR, 0);
        nodeA.storeToken(new GlobalSequenceTrackingToken(2), PROCESSOR, 0);
        inBatch(() -> nodeA.storeToken(new GlobalSequenceTrackingToken(5), PROCESSOR, 0), true);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            nodeB.fetchToken(PROCESSOR, 0);
            return true;
        });
        assertThat(nodeB.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(2));
        nodeB.storeToken(new GlobalSequenceTrackingToken(9), PROCESSOR, 0);
        nodeB.releaseClaim(PROCESSOR, 0);
        return nodeA;
    }

    /** The token stored for the segment, as a third process finds it once the claim is free or expired. */
    private TrackingToken storedToken() {
        TokenStore nodeC = mongoStore("node-c", SHORT_CLAIMS);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            nodeC.fetchToken(PROCESSOR, 0);
            return true;
        });
        return nodeC.fetchToken(PROCESSOR, 0);
    }

    /**
     * Stores a token as a tracking processor does, as its batch commits; if {@code commits} is false, a step of the
     * commit after that fails, and the batch is rolled back.
     */
    private static void inBatch(Runnable storeToken, boolean commits) {
        BatchingUnitOfWork<EventMessage<?>> batch =
                new BatchingUnitOfWork<>(List.of(GenericEventMessage.asEventMessage("an event")));
        batch.onPrepareCommit(committing -> storeToken.run());
        batch.onPrepareCommit(committing -> {
            if (!commits) {
                throw new IllegalStateException("a write after the token's failed");
            }
        });
        batch.start();
        if (commits) {
            batch.commit();
        } else {
            assertThatThrownBy(batch::commit).hasMessageContaining("after the token's");
            assertThat(batch.isRolledBack()).isTrue();
        }
    }

    /** The token stored for the segment, as another process finds it once this one has released its claim. */
    private TrackingToken storedToken(FreshClaimTokenStore store) {
        store.releaseClaim(PROCESSOR, 0);
        return mongoStore("node-b", Duration.ofSeconds(10)).fetchToken(PROCESSOR, 0);
    }

    /** node-a's store, its claim on the processor's one segment just written. */
    private FreshClaimTokenStore claimedByNodeA() {
        FreshClaimTokenStore store = fresh(mongoStore("node-a", Duration.ofSeconds(10)));
        store.initializeTokenSegments(PROCESSOR, 1);
        store.fetchToken(PROCESSOR, 0);
        return store;
    }

    private FreshClaimTokenStore fresh(TokenStore delegate) {
        return new FreshClaimTokenStore(delegate, Duration.ofSeconds(1), Duration.ofSeconds(10), now::get);
    }

    private TokenStore mongoStore(String owner, Duration claimTimeout) {
        return server.mongoStore(owner, claimTimeout);
    }
}
