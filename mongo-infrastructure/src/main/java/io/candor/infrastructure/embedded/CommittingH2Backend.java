package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.candor.infrastructure.durability.GroupCommit;

import java.util.Set;

/**
 * An H2 backend that makes every write durable before the server answers it, as a MongoDB with
 * {@code journal=true} does: a client of another process cannot ask this process for a commit, so the server
 * commits on its own, shared among the writes that arrive together ({@link GroupCommit}). Reads pay nothing.
 */
final class CommittingH2Backend extends H2Backend {

    /** The commands (OP_MSG, the only opcode of current drivers) that change what is stored. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "create", "drop", "dropdatabase", "renamecollection");

    private final GroupCommit groupCommit = new GroupCommit(this::commit);

    CommittingH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document answer = super.handleMessage(message);
        if (isWrite(message.getDocument())) {
            groupCommit.awaitDurable();
        }
        return answer;
    }

    private static boolean isWrite(Document command) {
        return !command.isEmpty() && WRITES.contains(command.keySet().iterator().next().toLowerCase());
    }
}
