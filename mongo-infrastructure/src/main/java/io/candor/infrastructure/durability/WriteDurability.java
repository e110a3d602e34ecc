package io.candor.infrastructure.durability;

/**
 * Makes the writes a caller has made so far survive a crash of the process, before the caller tells anyone
 * they happened.
 * <p>
 * Against a real MongoDB this is {@link #NONE}: durability comes from the connection string's write concern
 * ({@code w=majority&journal=true}), so a write is durable by the time the driver returns. The embedded
 * server commits its store in the background about once a second, so there it is a {@link GroupCommit}.
 */
@FunctionalInterface
public interface WriteDurability {

    /** Nothing to wait for: the database acknowledged the write only once it was durable. */
    WriteDurability NONE = () -> {
    };

    /** Returns once every write this thread has had acknowledged before the call is durable. */
    void awaitDurable();
}
