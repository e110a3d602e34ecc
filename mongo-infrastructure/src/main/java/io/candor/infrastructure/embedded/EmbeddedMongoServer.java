package io.candor.infrastructure.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded server as a process of its own, for a topology of several Candor processes on one machine
 * without MongoDB (two command sides and two query sides, say): every write is durable before it is answered,
 * since the processes that write cannot ask this one for a commit.
 * <p>
 * {@code java -cp … io.candor.infrastructure.embedded.EmbeddedMongoServer [data-dir] [port] [host]};
 * defaults {@code ./data}, 27017 and 127.0.0.1. It prints {@code listening on mongodb://host:port} once ready and
 * closes its store on SIGTERM.
 */
public final class EmbeddedMongoServer {

    private EmbeddedMongoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDirectory = Path.of(args.length > 0 ? args[0] : "./data");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 27017;
        String host = args.length > 2 ? args[2] : "127.0.0.1";
        EmbeddedMongo mongo = EmbeddedMongo.onDiskCommittingEveryWrite(dataDirectory, host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            stopped.countDown();
        }, "embedded-mongo-shutdown"));
        System.out.println("listening on " + mongo.connectionString() + " with data in " + mongo.dataFile());
        stopped.await();
    }
}
