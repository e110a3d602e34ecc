package io.candor.standalone;

import io.candor.query.support.RequestsInFlight;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher serves requests at nice {@code candor.requests.nice} and keeps its views' processors at the
 * process's own, also when an admin request starts a view's processor again (Linux: read from {@code /proc}).
 */
@SpringBootTest(classes = CandorStandalone.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"candor.embedded.enabled=true", "candor.embedded.in-memory=true", "candor.requests.nice=7"})
@Import(RequestPriorityTest.NiceOfRequestThread.class)
class RequestPriorityTest {

    private static final String PROCESSOR_THREADS = "EventProcessor";
    /**
     * What the views run on, by the first 15 characters of the threads' names: their processors, the writers of their
     * positions, the event store's producer, the embedded server and its commits, the segments' balancer, and what
     * starts and watches the processors. (Threads that serve requests only, as Axon's handler-timeout janitor or the
     * common fork-join pool, may well be started by one.)
     */
    private static final List<String> VIEW_SIDE_THREADS = List.of(PROCESSOR_THREADS, "view-positions",
            "EmbeddedEventSt", "mongo-server-", "embedded-mongo-", "segment-balance", "view-processor-",
            "view-replay-wat");
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void whereNiceValuesCanBeSet() throws IOException {
        assumeTrue(ThreadNice.unavailable() == null, ThreadNice::unavailable);
        assumeTrue(niceOf(Path.of("/proc/self/stat")) + 7 <= ThreadNice.MOST_NICE, "the tests run nicer than 12");
    }

    @Test
    void aRequestRunsAtTheConfiguredNiceAboveTheProcesss_theViewsAtTheProcesssOwn() throws Exception {
        int processNice = niceOf(Path.of("/proc/self/stat"));

        for (int request = 0; request < 3; request++) {
            assertThat(send("GET", "/test/nice").body()).isEqualTo(String.valueOf(processNice + 7));
        }
        assertThat(processorThreads()).isNotEmpty()
                .allSatisfy((thread, nice) -> assertThat(nice).isEqualTo(processNice));
    }

    @Test
    void aViewReplayedByAnAdminRequest_keepsTheProcesssNice() throws Exception {
        startedAgainBy("POST", "/admin/views/timeline/replay", 202);
    }

    @Test
    void aViewStoppedForARetryOfItsDeadLetters_keepsTheProcesssNice() throws Exception {
        startedAgainBy("POST", "/admin/dead-letters/lessons/retry", 200);
    }

    private void startedAgainBy(String method, String path, int status) throws Exception {
        int processNice = niceOf(Path.of("/proc/self/stat"));
        Map<String, Integer> before = processorThreads();

        assertThat(send(method, path).statusCode()).isEqualTo(status);

        await().atMost(WITHIN).untilAsserted(() -> {
            Map<String, Integer> after = processorThreads();
            assertThat(after.keySet()).as("the view's processor runs on threads started anew")
                    .isNotEmpty().anyMatch(thread -> !before.containsKey(thread));
            assertThat(after).allSatisfy((thread, nice) -> assertThat(nice).isEqualTo(processNice));
        });
        assertThat(threadsNamed(name -> VIEW_SIDE_THREADS.stream().anyMatch(name::startsWith)))
                .as("no thread the views depend on started by a request")
                .allSatisfy((thread, nice) -> assertThat(nice).isEqualTo(processNice));
    }

    @Test
    void aRequestIsCountedWhileItIsServed_andNoLonger_evenWhenItFails() throws Exception {
        assertThat(send("GET", "/test/serving").body()).isEqualTo("1");
        assertThat(send("GET", "/test/failing").statusCode()).isEqualTo(500);

        // the response can reach the client before the filter's thread has left it
        await().atMost(WITHIN).untilAsserted(() -> assertThat(RequestsInFlight.serving()).isZero());
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The nice value of each of this process's threads whose name begins like a view processor's, by id and name. */
    private static Map<String, Integer> processorThreads() throws IOException {
        return threadsNamed(name -> name.startsWith(PROCESSOR_THREADS));
    }

    /** The nice value of each of this process's threads whose name (its first 15 characters) passes, by id and name. */
    private static Map<String, Integer> threadsNamed(Predicate<String> name) throws IOException {
        Map<String, Integer> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String threadName = Files.readString(task.resolve("comm")).strip();
                    if (name.test(threadName)) {
                        threads.put(task.getFileName() + " " + threadName, niceOf(task.resolve("stat")));
                    }
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while the list was read
                }
            }
        }
        return threads;
    }

    /** The nice value in a {@code stat(5)} file, which must be readable. */
    static int niceOf(Path stat) throws IOException {
        Integer nice = ThreadNice.niceOf(stat);
        if (nice == null) {
            throw new IOException("No nice value in " + stat);
        }
        return nice;
    }

    /** Answers the nice value of the thread that serves the request, and the requests being served; or fails. */
    @RestController
    static class NiceOfRequestThread {

        @GetMapping("/test/nice")
        String nice() {
            return String.valueOf(ThreadNice.niceOf(Path.of("/proc/thread-self/stat")));
        }

        @GetMapping("/test/serving")
        String serving() {
            return String.valueOf(RequestsInFlight.serving());
        }

        @GetMapping("/test/failing")
        String failing() {
            throw new IllegalStateException("a request that fails, and is answered by the error dispatch");
        }
    }
}
