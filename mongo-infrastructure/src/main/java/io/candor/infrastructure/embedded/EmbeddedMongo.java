package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.candor.infrastructure.durability.GroupCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A MongoDB-wire server in this process, bound to loopback. File-backed under a data directory, or in memory
 * for tests. {@link #commit()} makes everything written so far durable; without it the store commits about once a
 * second, and a write acknowledged just before a {@code kill -9} is lost. The file never holds half a write
 * ({@link ConsistentH2Backend}).
 * {@link #writeDurability()} shares one commit among the writers that ask for it at the same time.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final H2Backend backend;
    private final MongoServer server;
    private final Path dataFile;
    private final String connectionString;
    private final GroupCommit groupCommit;

    private EmbeddedMongo(H2Backend backend, Path dataFile, String host, int port) {
        this.backend = backend;
        this.dataFile = dataFile;
        this.groupCommit = backend instanceof ConsistentH2Backend consistent ? consistent.groupCommit()
                : new GroupCommit(this::commit);
        this.server = new MongoServer(backend);
        server.bind(host, port);
        this.connectionString = "mongodb://" + host + ":" + server.getLocalAddress().getPort();
    }

    /** A server whose data lives in {@code dataDirectory/candor.mv}, on {@code port} (0 for any free one). */
    public static EmbeddedMongo onDisk(Path dataDirectory, String host, int port) {
        return onDisk(dataDirectory, host, port, defaultCacheMegabytes());
    }

    /** The same, with a page cache of {@code cacheMegabytes} for each of its two stores. */
    public static EmbeddedMongo onDisk(Path dataDirectory, String host, int port, int cacheMegabytes) {
        Path file = dataFileIn(dataDirectory);
        return new EmbeddedMongo(new ConsistentH2Backend(file.toString(), false, cacheMegabytes), file, host, port);
    }

    /**
     * The page cache of each store unless configured: an eighth of the heap the JVM may use, between 16 MB (H2's own
     * default) and 512 MB. H2 keeps in it the pages it has read, decoded; a page not in it is read from the file
     * and every document on it decoded again. With 16 MB and 100,000 events (a views file of 1.7 GB), a candidate's
     * timeline decoded thousands of documents to return a hundred (3 MB of garbage per query); with 512 MB:
     * timeline p50 11-12 → 6-8 ms, p99 33-35 → 19-21 ms. The cache fills only with what is read: a small store
     * uses little of it.
     */
    public static int defaultCacheMegabytes() {
        long eighthOfHeap = Runtime.getRuntime().maxMemory() / 8 / (1024 * 1024);
        return (int) Math.max(16, Math.min(512, eighthOfHeap));
    }

    /**
     * A server on disk that makes each write durable before answering it ({@link ConsistentH2Backend}): for
     * clients in other processes, which cannot call {@link #commit()}. {@link EmbeddedMongoServer} runs one.
     */
    public static EmbeddedMongo onDiskCommittingEveryWrite(Path dataDirectory, String host, int port) {
        Path file = dataFileIn(dataDirectory);
        return new EmbeddedMongo(new ConsistentH2Backend(file.toString(), true, defaultCacheMegabytes()), file, host,
                port);
    }

    private static Path dataFileIn(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDirectory, e);
        }
        return dataDirectory.toAbsolutePath().normalize().resolve("candor.mv");
    }

    /**
     * The collections a server on disk keeps in its views' file ({@code candor-views.mv}) rather than with the
     * events: the views, their positions and layouts, and the processors' tokens and dead letters.
     */
    public static Set<String> viewCollections() {
        return EmbeddedH2Database.VIEW_COLLECTIONS;
    }

    /** A server that keeps everything in memory, on a free loopback port: for tests. */
    public static EmbeddedMongo inMemory() {
        return new EmbeddedMongo(H2Backend.inMemory(), null, "127.0.0.1", 0);
    }

    /** The page cache of each of the two stores on disk, in megabytes; empty in memory. */
    int[] cacheMegabytes() {
        return backend instanceof ConsistentH2Backend consistent ? consistent.cacheMegabytes() : new int[0];
    }

    /** How much unsaved memory makes a write commit each of the two stores on disk first (0: never); empty in memory. */
    int[] autoCommitMemory() {
        return backend instanceof ConsistentH2Backend consistent ? consistent.autoCommitMemory() : new int[0];
    }

    /** {@code mongodb://host:port}, without a database. */
    public String connectionString() {
        return connectionString;
    }

    public int port() {
        return server.getLocalAddress().getPort();
    }

    /** The file the data lives in, or null in memory. */
    public Path dataFile() {
        return dataFile;
    }

    /** Makes every write the server has acknowledged so far survive a crash of the process. */
    public void commit() {
        if (!backend.isInMemory()) {
            backend.commit();
        }
    }

    /** Group commit over {@link #commit()}: what a writer calls after its write, before acknowledging it. */
    public GroupCommit writeDurability() {
        return groupCommit;
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
