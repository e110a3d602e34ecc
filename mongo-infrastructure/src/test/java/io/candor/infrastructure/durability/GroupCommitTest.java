package io.candor.infrastructure.durability;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class GroupCommitTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aLoneWriter_paysExactlyOneCommit() {
        AtomicInteger commits = new AtomicInteger();
        GroupCommit groupCommit = new GroupCommit(commits::incrementAndGet);

        groupCommit.awaitDurable();
        groupCommit.awaitDurable();

        assertThat(commits).hasValue(2);
        assertThat(groupCommit.commits()).isEqualTo(2);
    }

    @Test
    void writersArrivingDuringACommit_shareTheNextOne() throws Exception {
        CountDownLatch firstCommitMayEnd = new CountDownLatch(1);
        AtomicInteger commits = new AtomicInteger();
        GroupCommit groupCommit = new GroupCommit(() -> {
            if (commits.incrementAndGet() == 1) {
                awaitUninterruptibly(firstCommitMayEnd);
            }
        });
        int writers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CompletableFuture<Void> first = CompletableFuture.runAsync(groupCommit::awaitDurable, pool);
            await().atMost(TIMEOUT).until(() -> commits.get() == 1);
            List<CompletableFuture<Void>> others = new ArrayList<>();
            for (int i = 1; i < writers; i++) {
                others.add(CompletableFuture.runAsync(groupCommit::awaitDurable, pool));
            }
            await().atMost(TIMEOUT).until(() -> groupCommit.ticketsTaken() == writers);
            // The running commit started before their tickets: it cannot release them.
            assertThat(others).noneMatch(CompletableFuture::isDone);

            firstCommitMayEnd.countDown();
            first.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(commits).as("one commit for the first writer, one shared by the other %d", writers - 1)
                    .hasValue(2);
        } finally {
            firstCommitMayEnd.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void manyConcurrentWriters_needFewerCommitsThanWrites() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        GroupCommit groupCommit = new GroupCommit(commits::incrementAndGet);
        int threads = 8;
        int writesPerThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < writesPerThread; i++) {
                        groupCommit.awaitDurable();
                    }
                }, pool));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(groupCommit.ticketsTaken()).isEqualTo((long) threads * writesPerThread);
        assertThat(commits.get()).isPositive().isLessThanOrEqualTo(threads * writesPerThread);
    }

    @Test
    void aFailedCommit_isThrownToItsCaller_andTheNextCallerCommitsAgain() {
        AtomicInteger attempts = new AtomicInteger();
        GroupCommit groupCommit = new GroupCommit(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
        });

        assertThatThrownBy(groupCommit::awaitDurable).hasMessage("disk full");
        groupCommit.awaitDurable();

        assertThat(attempts).hasValue(2);
        assertThat(groupCommit.commits()).isEqualTo(1);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
