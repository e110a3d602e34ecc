package io.candor.command.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/** "Now" for a command's missing instants: the context's {@link Clock} when there is exactly one, else UTC. */
@Component
public class CommandClock {

    private final Clock clock;

    CommandClock(ObjectProvider<Clock> clocks) {
        this.clock = clocks.getIfUnique(Clock::systemUTC);
    }

    public Instant now() {
        return clock.instant();
    }

    /** {@code given}, or now when the client left it out. */
    public Instant orNow(Instant given) {
        return given == null ? now() : given;
    }
}
