package io.candor.standalone;

import com.mongodb.ConnectionString;
import io.candor.infrastructure.CandorMongoProperties;
import io.candor.infrastructure.embedded.EmbeddedMongo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Once the launcher is ready, says where it listens and where its data lives, in the log and on standard output,
 * so a newcomer sees the URL to open and the directory to back up.
 */
@Component
class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Environment environment;
    private final ObjectProvider<EmbeddedMongo> embeddedMongo;
    private final CandorMongoProperties mongoProperties;

    StartupReport(Environment environment, ObjectProvider<EmbeddedMongo> embeddedMongo,
                  CandorMongoProperties mongoProperties) {
        this.environment = environment;
        this.embeddedMongo = embeddedMongo;
        this.mongoProperties = mongoProperties;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String report = report();
        log.info(report);
        System.out.println(report);
        System.out.flush();
    }

    String report() {
        String base = "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
        String swagger = environment.getProperty("springdoc.swagger-ui.path", "/swagger-ui.html");
        return String.join(System.lineSeparator(),
                "",
                "  Candor is ready.",
                "    URL:        " + base,
                "    Swagger UI: " + base + swagger,
                "    Data:       " + dataLocation(),
                "");
    }

    private String dataLocation() {
        EmbeddedMongo embedded = embeddedMongo.getIfAvailable();
        if (embedded != null) {
            return embedded.dataFile() == null
                    ? "in memory (lost when the process stops)"
                    : embedded.dataFile().toAbsolutePath().normalize()
                      + " (embedded MongoDB-wire server on " + embedded.connectionString() + ")";
        }
        return withoutCredentials(environment.getProperty("spring.data.mongodb.uri", ""));
    }

    /** The hosts, database and replica set of a connection string; never its user or password. */
    String withoutCredentials(String uri) {
        try {
            ConnectionString connection = new ConnectionString(uri);
            String database = connection.getDatabase() == null ? mongoProperties.database() : connection.getDatabase();
            return "MongoDB at " + String.join(",", connection.getHosts()) + ", database " + database
                   + (connection.getRequiredReplicaSetName() == null
                      ? "" : ", replica set " + connection.getRequiredReplicaSetName());
        } catch (IllegalArgumentException e) {
            return "MongoDB (connection string not shown)";
        }
    }
}
