package io.candor.events;

/**
 * The metadata keys every recorded event carries, part of the event contract like the events themselves: who
 * recorded it and the correlation id of the request that did. When it was recorded is the event's timestamp;
 * when it happened, the instant in its payload.
 */
public final class AuditMetaData {

    /** The name of the authenticated user who sent the command, or {@link #ANONYMOUS}. */
    public static final String RECORDED_BY = "recordedBy";
    /** The correlation id of the HTTP request that sent the command (its {@code X-Correlation-Id}). */
    public static final String CORRELATION_ID = "correlationId";
    /** The firm of the user who recorded it, when signed in. */
    public static final String FIRM_ID = "firmId";
    /**
     * The identifier of the one attempt of an idempotent request (one with an {@code Idempotency-Key}) that
     * recorded the event: how the server learns, after a failure whose outcome it could not see, whether that
     * attempt's events were stored.
     */
    public static final String ATTEMPT_ID = "attemptId";
    /** Who recorded an event when the request was not authenticated. */
    public static final String ANONYMOUS = "anonymous";

    private AuditMetaData() {
    }
}
