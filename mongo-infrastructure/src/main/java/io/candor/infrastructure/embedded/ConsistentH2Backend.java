package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.candor.infrastructure.durability.GroupCommit;
import org.h2.mvstore.MVStore;

import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An H2 backend whose file never holds half a write. The server keeps a document and each of its index entries
 * in separate maps of one store; H2 commits in the background by itself, at any moment, so a {@code kill -9} could
 * leave on disk a document without its {@code _id} entry, which a later upsert of the same {@code _id} trips over
 * (measured: a view's position, written twice after a restart, failed for good). Here the background commit is off,
 * every commit waits for the writes in progress to end and holds the next ones back, and a commit runs every
 * second, besides the ones the writers ask for.
 * <p>
 * For clients of other processes, which cannot ask for a commit, it can also commit before answering each write,
 * as a MongoDB with {@code journal=true} does, shared among the writes that arrive together ({@link GroupCommit}).
 * And it answers MongoDB's {@code fsync} command, with a commit shared in the same way.
 */
final class ConsistentH2Backend extends H2Backend {

    /** The commands (OP_MSG, the only opcode of current drivers) that change what is stored. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "create", "drop", "dropdatabase", "renamecollection");

    private final ReadWriteLock writesAndCommits = new ReentrantReadWriteLock();
    private final boolean durableBeforeAnswer;
    private final GroupCommit groupCommit = new GroupCommit(this::commit);
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-mongo-commit");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param fileName            the store's file
     * @param durableBeforeAnswer whether each write is committed before the server answers it
     */
    ConsistentH2Backend(String fileName, boolean durableBeforeAnswer) {
        super(new MVStore.Builder().fileName(fileName).autoCommitDisabled().open());
        this.durableBeforeAnswer = durableBeforeAnswer;
        committer.scheduleWithFixedDelay(this::commitIfChanged, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        if (isCommand(message.getDocument(), "fsync")) {
            groupCommit.awaitDurable(); // MongoDB's fsync: everything written so far is on disk when it answers
            return new Document("ok", 1.0);
        }
        if (!isWrite(message.getDocument())) {
            return super.handleMessage(message);
        }
        Document answer;
        writesAndCommits.readLock().lock();
        try {
            answer = super.handleMessage(message);
        } finally {
            writesAndCommits.readLock().unlock();
        }
        if (durableBeforeAnswer) {
            groupCommit.awaitDurable();
        }
        return answer;
    }

    /** Commits what the writes that have ended wrote, none of what a write in progress has begun. */
    @Override
    public void commit() {
        writesAndCommits.writeLock().lock();
        try {
            super.commit();
        } finally {
            writesAndCommits.writeLock().unlock();
        }
    }

    private void commitIfChanged() {
        if (getMvStore().hasUnsavedChanges()) {
            commit();
        }
    }

    @Override
    public void close() {
        committer.shutdownNow();
        writesAndCommits.writeLock().lock();
        try {
            super.close();
        } finally {
            writesAndCommits.writeLock().unlock();
        }
    }

    /** The group commit of this store, shared by whoever waits for durability: writers, {@code fsync}. */
    GroupCommit groupCommit() {
        return groupCommit;
    }

    private static boolean isCommand(Document command, String name) {
        return !command.isEmpty() && command.keySet().iterator().next().equalsIgnoreCase(name);
    }

    private static boolean isWrite(Document command) {
        return !command.isEmpty() && WRITES.contains(command.keySet().iterator().next().toLowerCase());
    }
}
