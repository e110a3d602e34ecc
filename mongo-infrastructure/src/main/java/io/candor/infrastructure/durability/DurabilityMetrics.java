package io.candor.infrastructure.durability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.concurrent.TimeUnit;

/**
 * The group commit's figures as metrics: {@code candor.durability.waits} (writes that waited for durability) and
 * {@code candor.durability.commit} (commits: count and time). Fewer commits than waits is the group commit at work.
 * Nothing is registered for {@link WriteDurability#NONE}: a real MongoDB has its own metrics.
 */
public final class DurabilityMetrics implements MeterBinder {

    private final WriteDurability durability;

    public DurabilityMetrics(WriteDurability durability) {
        this.durability = durability;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!(durability instanceof GroupCommit groupCommit)) {
            return;
        }
        FunctionCounter.builder("candor.durability.waits", groupCommit, GroupCommit::ticketsTaken)
                .description("Writes that waited until they were durable")
                .register(registry);
        FunctionTimer.builder("candor.durability.commit", groupCommit, GroupCommit::commits,
                        GroupCommit::commitNanos, TimeUnit.NANOSECONDS)
                .description("Commits of the embedded server's store, each shared by the writes waiting for it")
                .register(registry);
    }
}
