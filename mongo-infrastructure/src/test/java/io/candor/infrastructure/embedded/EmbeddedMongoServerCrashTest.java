package io.candor.infrastructure.embedded;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded server run as a process of its own ({@link EmbeddedMongoServer}), its clients in this one: the
 * server is killed with SIGKILL while they insert, and every insert the driver saw acknowledged is found after
 * a restart on the same data directory. Nothing here asks for a commit: the server makes each write durable
 * before it answers, and the file holds no half write: each document is found by its {@code _id}.
 */
class EmbeddedMongoServerCrashTest {

    private static final int WRITERS = 8;
    private static final int ACKS_BEFORE_KILL = 500;

    @TempDir
    Path dataDirectory;

    @Test
    void everyInsertTheServerAcknowledged_survivesKillMinus9OfTheServer() throws Exception {
        int port = freePort();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Process server = startServer(port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port
                + "/?serverSelectionTimeoutMS=2000&connectTimeoutMS=1000&retryWrites=false")) {
            MongoCollection<Document> acks = client.getDatabase("crash").getCollection("acks");
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        String id = writer + "-" + i;
                        try {
                            acks.insertOne(new Document("_id", id));
                            acknowledged.add(id);
                        } catch (MongoException serverGone) {
                            return;
                        }
                    }
                });
            }
            await().atMost(60, TimeUnit.SECONDS).until(() -> acknowledged.size() >= ACKS_BEFORE_KILL);
            server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no MVStore close
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.destroyForcibly();
        }

        List<String> lost = new ArrayList<>();
        try (EmbeddedMongo reopened = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(reopened.connectionString())) {
            Set<String> stored = new HashSet<>();
            client.getDatabase("crash").getCollection("acks").find(Filters.in("_id", acknowledged))
                    .map(document -> document.getString("_id")).into(stored);
            acknowledged.stream().filter(id -> !stored.contains(id)).forEach(lost::add);
            MongoCollection<Document> acks = client.getDatabase("crash").getCollection("acks");
            List<Object> unindexed = new ArrayList<>();
            for (Document document : acks.find()) {
                if (acks.find(Filters.eq("_id", document.get("_id"))).first() == null) {
                    unindexed.add(document.get("_id"));
                }
            }
            assertThat(unindexed).as("documents on disk that their _id does not find (half a write)").isEmpty();
        }
        System.out.printf("server crash test: %d writers in another process, %d inserts acknowledged, "
                + "%d survived kill -9 of the server%n", WRITERS, acknowledged.size(),
                acknowledged.size() - lost.size());
        assertThat(lost).as("acknowledged inserts lost by kill -9 of the server").isEmpty();
    }

    /** Starts the server and waits for its ready line; its output is read to the end by a daemon thread. */
    private Process startServer(int port) throws Exception {
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedMongoServer.class.getName(),
                dataDirectory.toString(), String.valueOf(port))
                .redirectErrorStream(true)
                .start();
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("listening on mongodb://127.0.0.1:" + port)) {
                        listening.countDown();
                    }
                }
            } catch (IOException processGone) {
                // nothing more to read
            }
        }, "embedded-mongo-server-output");
        reader.setDaemon(true);
        reader.start();
        assertThat(listening.await(60, TimeUnit.SECONDS)).as("the server says it listens").isTrue();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
