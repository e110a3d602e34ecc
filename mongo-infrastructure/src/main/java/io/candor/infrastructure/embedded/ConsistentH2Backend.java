package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.candor.infrastructure.Uninterruptibly;
import io.candor.infrastructure.durability.GroupCommit;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * And it answers MongoDB's {@code fsync} command, with a commit shared in the same way. A commit writes the store's
 * file; it survives the death of the process ({@code kill -9}), which is what Candor promises of an acknowledged
 * write. It does not force the operating system's own buffers to the disk, as a real fsync does: a power cut can
 * still lose the last second.
 * <p>
 * The views live in a second store of their own, beside the first ({@code candor-views.mv}, see
 * {@link EmbeddedH2Database#VIEW_COLLECTIONS}): the views, their positions, the processors' tokens and dead letters,
 * all of which a replay can rebuild from the events. A command waits for the commit of the first store only: H2
 * commits by writing every page changed since the last commit, and the views change many pages for each command
 * (measured over 1,800 commands of one client: the commit a command waited for took 5.9 ms on average with the
 * views in the same store, 2.2 ms with the views in their own). The second store is committed every second, always right after the first, so that no view on disk ever
 * holds an event that is not on disk: after a crash a view is at most a second behind, and its processor applies
 * those events again from its token, which sits in the same store as the view.
 */
final class ConsistentH2Backend extends H2Backend {

    /** The commands (OP_MSG, the only opcode of current drivers) that change what is stored. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "create", "drop", "dropdatabase", "renamecollection");

    private static final Logger log = LoggerFactory.getLogger(ConsistentH2Backend.class);

    /**
     * The most a close spends shrinking each store's file, in milliseconds: H2 rewrites what is still in use of the
     * least filled chunks, moves the chunks to the front of the file and cuts the rest off. While the server runs, a
     * chunk left behind by later writes is freed once it is 45 s old (H2's retention) and its room used again, but
     * the file never gets smaller: it holds about what was written in the last 45 s at the busiest, besides the data
     * (after the benchmark, with 100,000 events: some 2 GB of file for 25 MB of events). A laptop writes little and
     * loses little to it; an import of years of searches, or a replay of every view, leaves a file many times the size
     * of its data. Measured after 60 s of 32 clients of the benchmark's mix: the events' file closed at 36 MB instead
     * of 218, the views' at 356 MB instead of 412 (H2 compacts only a file less than 90% full of chunks, and the views,
     * rewritten all the time, keep theirs fuller). With H2 alone, 100 MB of data rewritten ten times: 999 MB shrank to
     * 129 MB in 3.5 s; killed at four moments of its shrinking, the store reopened whole each time. A close that runs
     * out of time leaves the file partly shrunk: three seconds at most for each store, once, at the end of a run.
     */
    static final int SHRINK_ON_CLOSE = 3_000;

    /** Housekeeping every so many periodic commits (seconds). */
    private static final int COMPACT_EVERY_TICKS = 10;
    private static final Method HOUSEKEEPING = housekeeping();
    private int ticks;

    /** The second store, for {@link H2Backend}'s constructor, which opens the databases before the fields are set. */
    private static final ThreadLocal<MVStore> VIEWS_BEING_OPENED = new ThreadLocal<>();

    private final ReadWriteLock writesAndCommits = new ReentrantReadWriteLock();
    private final boolean durableBeforeAnswer;
    private final MVStore views;
    private final GroupCommit groupCommit;
    /** Counted down once {@link #close()} has ended; {@link #closedWhole} whether it committed the first store. */
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean closedWhole;
    private final ScheduledThreadPoolExecutor committer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "embedded-mongo-commit");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param fileName            the store's file
     * @param durableBeforeAnswer whether each write is committed before the server answers it
     * @param cacheMegabytes      the page cache of each of the two stores ({@link EmbeddedMongo#defaultCacheMegabytes})
     */
    ConsistentH2Backend(String fileName, boolean durableBeforeAnswer, int cacheMegabytes) {
        super(openStores(fileName, cacheMegabytes));
        this.views = VIEWS_BEING_OPENED.get();
        VIEWS_BEING_OPENED.remove();
        this.durableBeforeAnswer = durableBeforeAnswer;
        // A server for other processes promises every write durable when answered, views included; in-process,
        // a command waits for the events' store alone.
        this.groupCommit = new GroupCommit(durableBeforeAnswer ? this::commit : () -> onCommitter(this::commitRecords));
        committer.scheduleWithFixedDelay(this::commitIfChanged, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        if (isCommand(message.getDocument(), "fsync")) {
            groupCommit.awaitDurable(); // MongoDB's fsync: what was written so far is committed when it answers
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

    /** Databases whose unique indexes compare keys without serialising them ({@link SerializedOrderKeyType}). */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return EmbeddedH2Database.open(databaseName, getMvStore(), views(), getCursorRegistry());
    }

    /** The store of the events, and the second one, of the views ({@code -views} before the extension). */
    private static MVStore openStores(String fileName, int cacheMegabytes) {
        int extension = fileName.lastIndexOf('.');
        String viewsFileName = extension > fileName.lastIndexOf('/')
                ? fileName.substring(0, extension) + "-views" + fileName.substring(extension) : fileName + "-views";
        VIEWS_BEING_OPENED.set(open(viewsFileName, cacheMegabytes));
        return open(fileName, cacheMegabytes);
    }

    private static MVStore open(String fileName, int cacheMegabytes) {
        // H2 commits by itself in the background, and also from within a write that finds much unsaved (some 19 MB by
        // default), which would commit the other writes in progress half done: neither, here. What is unsaved then
        // waits in the heap for the next commit (a second at most, or a command's group commit).
        return new MVStore.Builder().fileName(fileName).autoCommitDisabled().autoCommitBufferSize(0)
                .cacheSize(cacheMegabytes).open();
    }

    /** How much unsaved memory makes a write commit its store first: none, in either store (zero: never). */
    int[] autoCommitMemory() {
        return new int[]{getMvStore().getAutoCommitMemory(), views.getAutoCommitMemory()};
    }

    /** The page cache of each store, in megabytes: the events' and the views'. */
    int[] cacheMegabytes() {
        return new int[]{getMvStore().getCacheSize(), views.getCacheSize()};
    }

    private MVStore views() {
        return views != null ? views : VIEWS_BEING_OPENED.get();
    }

    /**
     * Commits the first store alone: the events and everything else that is not a view. What a command waits for;
     * the views follow within a second ({@link #commit()}).
     */
    void commitRecords() {
        writesAndCommits.writeLock().lock();
        try {
            getMvStore().commit();
        } finally {
            writesAndCommits.writeLock().unlock();
        }
    }

    /**
     * Commits what the writes that have ended wrote, none of what a write in progress has begun: the first store,
     * then the views' store, so that the views on disk never hold what the events on disk do not.
     */
    @Override
    public void commit() {
        writesAndCommits.writeLock().lock();
        try {
            super.commit();
            views.commit();
        } finally {
            writesAndCommits.writeLock().unlock();
        }
    }

    /**
     * Runs a command's commit on this store's committing thread, and waits for it. Not on the command's own thread, for
     * two reasons. A thread interrupted while it writes a file closes the file's channel (Java's
     * {@code ClosedByInterruptException}), and H2's store can then write nothing more until the process restarts: a
     * request's thread may be interrupted as its command ends (Axon interrupts a unit of work that outlasts its
     * timeout, 60 s; the web server interrupts its threads when it stops). And the commit holds back every write while
     * it runs, the views' too, while in the launcher a request runs at a lower CPU priority than the views (a thread's
     * nice value, which only a privileged process could lower again): on the request's thread, a commit preempted by
     * busier threads would hold the views' writes for as long. The committing thread was started with the store, at the
     * process's own priority. A commit that the store's close takes off that thread, or that comes after it, waits for
     * the close, which commits the store itself ({@link #awaitClose}).
     */
    private void onCommitter(Runnable commit) {
        Future<?> done;
        try {
            done = committer.submit(commit);
        } catch (RejectedExecutionException closing) {
            awaitClose();
            return;
        }
        try {
            Uninterruptibly.get(done); // the write is acknowledged already: wait for its commit, about a millisecond
        } catch (ExecutionException e) {
            if (committer.isShutdown() && getMvStore().isClosed()) { // it ran after the close, which commits
                awaitClose();
                return;
            }
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("The commit of the embedded store failed", e.getCause());
        } catch (CancellationException closing) {
            awaitClose();
        }
    }

    /**
     * For a commit the store's close took off the committing thread, or that came after it: the close commits the
     * first store itself, so the write is durable if the close did that; else it fails.
     */
    private void awaitClose() {
        Uninterruptibly.await(closed);
        if (!closedWhole) {
            throw new IllegalStateException("The embedded store closed without committing a write it had answered");
        }
    }

    private void commitIfChanged() {
        try {
            if (getMvStore().hasUnsavedChanges() || views.hasUnsavedChanges()) {
                commit();
            }
            if (++ticks % COMPACT_EVERY_TICKS == 0) {
                compact();
            }
        } catch (RuntimeException failed) {
            log.error("The periodic commit of the embedded store failed; it is tried again in a second", failed);
        }
    }

    /**
     * What H2's background writer does besides committing, done here between whole writes: rewrites the least
     * filled chunks and frees the unused ones. Without it every update leaves its old page behind and the file grows
     * with the writes, not with the data (H2 then frees chunks older than its 45 s retention; measured with 1,000 documents updated for 75 s: the file stays at 40 MB once the retention has passed, as with H2's own writer).
     * H2 has no public call for it ({@code compactFile} broke an open store when tried); its background writer's own
     * step is called, which commits first.
     */
    void compact() {
        writesAndCommits.writeLock().lock();
        try {
            HOUSEKEEPING.invoke(getMvStore().getFileStore());
            HOUSEKEEPING.invoke(views.getFileStore());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("H2's housekeeping could not be called", e);
        } finally {
            writesAndCommits.writeLock().unlock();
        }
    }

    /**
     * Closes both stores, first the one of the events, each shrinking its file for {@link #SHRINK_ON_CLOSE} at most.
     */
    @Override
    public void close() {
        // Not shutdownNow: it would interrupt a commit under way, which closes H2's file (see onCommitter). The
        // periodic commit stops; a command's commit waiting for the thread is taken off it and waits for this close.
        committer.shutdown();
        for (Runnable queued : committer.getQueue().toArray(new Runnable[0])) {
            if (queued instanceof Future<?> waitedFor) {
                waitedFor.cancel(false);
            }
        }
        writesAndCommits.writeLock().lock();
        try {
            getMvStore().close(SHRINK_ON_CLOSE); // commits the first store, then closes it
            closedWhole = getMvStore().getPanicException() == null;
            views.close(SHRINK_ON_CLOSE);
            super.close(); // the server's own closing: its databases; its store is closed already
        } finally {
            writesAndCommits.writeLock().unlock();
            closed.countDown();
        }
    }

    /** The group commit of this store, shared by whoever waits for durability: writers, {@code fsync}. */
    GroupCommit groupCommit() {
        return groupCommit;
    }

    private static Method housekeeping() {
        try {
            Method method = FileStore.class.getDeclaredMethod("writeInBackground");
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("H2 " + org.h2.engine.Constants.VERSION + " has no background step", e);
        }
    }

    private static boolean isCommand(Document command, String name) {
        return !command.isEmpty() && command.keySet().iterator().next().equalsIgnoreCase(name);
    }

    private static boolean isWrite(Document command) {
        return !command.isEmpty() && WRITES.contains(command.keySet().iterator().next().toLowerCase());
    }
}
