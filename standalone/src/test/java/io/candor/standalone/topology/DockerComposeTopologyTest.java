package io.candor.standalone.topology;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads docker-compose.yml as data (Docker is not needed) and checks the production topology it promises. */
class DockerComposeTopologyTest {

    private static final List<String> MONGO_NODES = List.of("mongo1", "mongo2", "mongo3");
    private static final String INIT_SERVICE = "mongo-init";
    private static Path root;
    private static Map<String, Object> services;

    @BeforeAll
    static void readCompose() throws IOException {
        root = Path.of(System.getProperty("candor.repository.root", "..")).toAbsolutePath().normalize();
        try (Reader reader = Files.newBufferedReader(root.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = map(compose.get("services"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo1", "mongo2", "mongo3"})
    void eachMongoNode_joinsReplicaSetRs0_keepsItsDataInAVolume_andHasAHealthCheck(String node) {
        Map<String, Object> service = service(node);

        assertThat(string(service.get("image"))).matches("mongo:[78](\\..*)?");
        assertThat(words(service.get("command"))).contains("--replSet rs0").contains("--bind_ip_all");
        assertThat(list(service.get("volumes"))).anySatisfy(volume -> assertThat(string(volume)).endsWith(":/data/db"));
        assertThat(words(map(service.get("healthcheck")).get("test"))).contains("mongosh");
    }

    @Test
    void theInitService_initiatesTheReplicaSetWithAllThreeNodes_afterTheyAreHealthy() {
        Map<String, Object> init = service(INIT_SERVICE);
        String script = words(init.get("entrypoint")) + " " + words(init.get("command"));

        assertThat(script).contains("rs.initiate").contains("_id: 'rs0'");
        MONGO_NODES.forEach(node -> assertThat(script).contains(node + ":27017"));
        assertThat(dependsOn(init)).containsAllEntriesOf(healthyMongoNodes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side"})
    void eachAppService_talksToTheWholeReplicaSet_withMajorityJournaledWrites(String name) {
        ConnectionString uri = new ConnectionString(string(map(service(name).get("environment")).get("MONGODB_URI")));

        assertThat(uri.getHosts()).containsExactlyInAnyOrder("mongo1:27017", "mongo2:27017", "mongo3:27017");
        assertThat(uri.getRequiredReplicaSetName()).isEqualTo("rs0");
        assertThat(uri.getDatabase()).isEqualTo("candor");
        WriteConcern writeConcern = uri.getWriteConcern();
        assertThat(writeConcern).isNotNull();
        assertThat(writeConcern.getWString()).isEqualTo("majority");
        assertThat(writeConcern.getJournal()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"command-side, 8081", "query-side, 8082"})
    void eachAppService_isBuiltFromItsDockerfile_checksHealth_andStartsAfterTheReplicaSet(String name, int port)
            throws IOException {
        Map<String, Object> service = service(name);

        Map<String, Object> build = map(service.get("build"));
        assertThat(string(build.get("context"))).isEqualTo(".");
        assertThat(string(build.get("dockerfile"))).isEqualTo("docker/Dockerfile." + name);
        assertThat(string(map(service.get("environment")).get("PORT"))).isEqualTo(String.valueOf(port));
        assertThat(words(map(service.get("healthcheck")).get("test")))
                .contains("http://localhost:" + port + "/actuator/health");
        assertThat(dependsOn(service))
                .containsAllEntriesOf(healthyMongoNodes())
                .containsEntry(INIT_SERVICE, "service_completed_successfully");

        String dockerfile = Files.readString(root.resolve("docker/Dockerfile." + name));
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre")
                .contains("COPY " + name + "/target/*-exec.jar")
                .contains("curl")
                .contains("EXPOSE " + port);
    }

    /** A JVM out of heap goes on running with threads dead (the embedded launcher answered 503 for good): exit. */
    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side"})
    void eachAppService_exitsWhenOutOfHeap_andIsRestarted(String name) throws IOException {
        String dockerfile = Files.readString(root.resolve("docker/Dockerfile." + name));

        List<String> entrypoint = java.util.Arrays.stream(dockerfile.lines()
                        .filter(line -> line.startsWith("ENTRYPOINT [")).findFirst().orElseThrow()
                        .replaceAll("^ENTRYPOINT \\[|\\]$", "").split(","))
                .map(word -> word.strip().replace("\"", "")).toList();
        assertThat(entrypoint).first().isEqualTo("java");
        assertThat(entrypoint.indexOf("-XX:+ExitOnOutOfMemoryError")) // a JVM option, not an argument of the app
                .isPositive().isLessThan(entrypoint.indexOf("-jar"));
        assertThat(string(service(name).get("restart"))).isIn("always", "unless-stopped", "on-failure");
    }

    @Test
    void theQuerySidesDashboard_forwardsItsFormsToTheCommandSideByServiceName() {
        String commandSide = string(map(service("query-side").get("environment")).get("CANDOR_DASHBOARD_COMMAND_SIDE_URL"));

        assertThat(commandSide).isEqualTo("http://command-side:8081");
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side"})
    void eachAppService_publishesNoFixedHostPort_soItCanBeScaled(String name) {
        Map<String, Object> service = service(name);
        List<Object> ports = list(service.get("ports"));

        assertThat(service).doesNotContainKey("container_name");
        assertThat(ports).isNotEmpty().allSatisfy(port -> {
            String mapping = string(port);
            // "8082" (any free host port) or "18091-18099:8082" (a range), never "8082:8082".
            assertThat(mapping).matches("\\d+|\\d+-\\d+:\\d+");
        });
    }

    private static Map<String, String> healthyMongoNodes() {
        return MONGO_NODES.stream().collect(Collectors.toMap(node -> node, node -> "service_healthy"));
    }

    private static Map<String, String> dependsOn(Map<String, Object> service) {
        return map(service.get("depends_on")).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> string(map(entry.getValue()).get("condition"))));
    }

    private static Map<String, Object> service(String name) {
        assertThat(services).as("services in docker-compose.yml").containsKey(name);
        return map(services.get(name));
    }

    private static String words(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof List<?> items
                ? items.stream().map(String::valueOf).collect(Collectors.joining(" "))
                : String.valueOf(value);
    }

    private static String string(Object value) {
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
