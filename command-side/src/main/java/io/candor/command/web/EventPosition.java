package io.candor.command.web;

/** Where the last event a command stored sits: its aggregate and sequence number (read-your-writes token). */
public record EventPosition(String aggregateId, long sequence) {

    /** The {@code Candor-Position} header's form, {@code <aggregateId>:<sequence>}. */
    public String header() {
        return aggregateId + ":" + sequence;
    }
}
