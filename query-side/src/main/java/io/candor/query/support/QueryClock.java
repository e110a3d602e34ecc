package io.candor.query.support;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * "Now" for the views (open stage runs, follow-ups due): the context's {@link Clock} bean when there is exactly
 * one (tests fix it; the launcher may share the command side's), else the system UTC clock.
 */
@Component
public class QueryClock {

    private final Clock clock;

    @Autowired
    public QueryClock(ObjectProvider<Clock> clocks) {
        this(clocks.getIfUnique(Clock::systemUTC));
    }

    private QueryClock(Clock clock) {
        this.clock = clock;
    }

    /** A clock for tests that construct views by hand. */
    public static QueryClock of(Clock clock) {
        return new QueryClock(clock);
    }

    public Instant now() {
        return clock.instant();
    }
}
