package io.candor.infrastructure.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command's commit of the embedded store, in the process that runs it: on the store's own thread, so that an
 * interrupted caller does not close the store's file (H2 fails every write after a {@code ClosedByInterruptException}),
 * and a close that finds that thread busy interrupts nothing.
 */
class EmbeddedMongoCommitTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dataDirectory;

    @Test
    void aCommandsCommit_fromAnInterruptedThread_commitsAndLeavesTheStoreWritable() throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            CountDownLatch release = new CountDownLatch(1);
            holdCommitter(mongo, release); // no periodic commit saves the insert before the command's commit
            client.getDatabase("candor").getCollection("events").insertOne(new Document("_id", 1));
            long commits = mongo.writeDurability().commits();
            releaseOnceParked(Thread.currentThread(), release);

            Thread.currentThread().interrupt(); // a request's thread, interrupted as its command ends
            try {
                mongo.writeDurability().awaitDurable();
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
            }

            assertThat(mongo.writeDurability().commits()).isGreaterThan(commits);
            client.getDatabase("candor").getCollection("events").insertOne(new Document("_id", 2));
            mongo.writeDurability().awaitDurable();
        }
        assertThat(eventsStoredIn(dataDirectory)).isEqualTo(2);
    }

    @Test
    void aClose_whileTheCommittingThreadIsBusy_interruptsNothing_andTheCommitWaitingForItIsDurable() throws Exception {
        EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
        ConsistentH2Backend backend = field(mongo, "backend", ConsistentH2Backend.class);
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch closing = new CountDownLatch(1);
        field(backend, "committer", ScheduledExecutorService.class).submit(() -> {
            busy.countDown(); // a periodic commit under way as the store closes
            try {
                closing.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
            }
            backend.commitRecords();
        });
        busy.await();
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase("candor").getCollection("events").insertOne(new Document("_id", 1));
        }
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread command = new Thread(() -> {
            try {
                mongo.writeDurability().awaitDurable(); // waits for the committing thread
            } catch (Throwable failure) {
                failed.set(failure);
            }
        });
        command.start();
        await().atMost(WITHIN).until(() -> command.getState() == Thread.State.WAITING);

        mongo.close(); // while the committing thread is busy: it does not wait for it
        closing.countDown();
        command.join(WITHIN.toMillis());

        assertThat(interrupted).as("the commit under way was interrupted").isFalse();
        assertThat(command.isAlive()).isFalse();
        assertThat(failed.get()).as("the command's commit, taken off the thread, answered by the close").isNull();
        assertThat(eventsStoredIn(dataDirectory)).isEqualTo(1);
    }

    /** Keeps the store's committing thread busy until {@code release} opens. */
    private static void holdCommitter(EmbeddedMongo mongo, CountDownLatch release) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        field(field(mongo, "backend", ConsistentH2Backend.class), "committer", ScheduledExecutorService.class)
                .submit(() -> {
                    held.countDown();
                    release.await(WITHIN.toSeconds(), TimeUnit.SECONDS);
                    return null;
                });
        held.await();
    }

    /** Opens {@code release} once {@code thread} waits for the committing thread. */
    private static void releaseOnceParked(Thread thread, CountDownLatch release) {
        Thread releaser = new Thread(() -> {
            await().atMost(WITHIN).until(() -> thread.getState() == Thread.State.WAITING);
            release.countDown();
        });
        releaser.setDaemon(true);
        releaser.start();
    }

    private static long eventsStoredIn(Path dataDirectory) {
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            return client.getDatabase("candor").getCollection("events").countDocuments();
        }
    }

    /** A private field: the store keeps its committing thread to itself, and these tests must hold it. */
    private static <T> T field(Object owner, String name, Class<T> type) throws ReflectiveOperationException {
        Class<?> declaring = owner.getClass();
        while (true) {
            try {
                Field field = declaring.getDeclaredField(name);
                field.setAccessible(true);
                return type.cast(field.get(owner));
            } catch (NoSuchFieldException e) {
                declaring = declaring.getSuperclass();
                if (declaring == null) {
                    throw e;
                }
            }
        }
    }
}
