package io.candor.infrastructure.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a process that writes to the on-disk embedded server with SIGKILL while its writers are busy, then
 * reopens the data directory: every write that was acknowledged after {@code awaitDurable()} is there.
 */
class EmbeddedMongoCrashTest {

    private static final int WRITERS = 8;
    private static final int ACKS_BEFORE_KILL = 1_000;

    @TempDir
    Path dataDirectory;

    @Test
    void everyAcknowledgedWrite_survivesKillMinus9() throws Exception {
        Process child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), dataDirectory.toString(), String.valueOf(WRITERS))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Set<String> acknowledged = new HashSet<>();
        long commits = 0;
        long commitNanos = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acknowledged.add(parts[1]);
                    commits = Math.max(commits, Long.parseLong(parts[2]));
                    commitNanos = Math.max(commitNanos, Long.parseLong(parts[3]));
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no MVStore close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged).hasSize(ACKS_BEFORE_KILL);

        List<String> lost = new ArrayList<>();
        try (EmbeddedMongo reopened = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(reopened.connectionString())) {
            Set<String> stored = new HashSet<>();
            client.getDatabase("crash").getCollection("acks").find(Filters.in("_id", acknowledged))
                    .map(document -> document.getString("_id")).into(stored);
            for (String id : acknowledged) {
                if (!stored.contains(id)) {
                    lost.add(id);
                }
            }
        }
        System.out.printf("crash test: %d writers, %d writes acknowledged, %d survived kill -9, "
                        + "%d commits (%.1f writes per commit), %.2f ms per commit%n",
                WRITERS, acknowledged.size(), acknowledged.size() - lost.size(), commits,
                commits == 0 ? 0.0 : (double) acknowledged.size() / commits,
                commits == 0 ? 0.0 : commitNanos / 1e6 / commits);
        assertThat(lost).as("acknowledged writes lost by kill -9").isEmpty();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
