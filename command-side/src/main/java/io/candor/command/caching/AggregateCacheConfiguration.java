package io.candor.command.caching;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cache both aggregates name ({@code @Aggregate(cache = "aggregateCache")}), sized by
 * {@code candor.command.aggregate-cache-size}: 0 (the command side's default) caches nothing.
 * <p>
 * A cache is right where one process writes every aggregate, as the launcher does: an aggregate in memory needs
 * none of its events read back before the next command, and the embedded server can answer that read only by
 * scanning the whole event collection. Where several command-side processes write, a cached aggregate can be
 * behind the store; the append then fails on the store's unique (aggregate, sequence) index, the client gets a
 * 409, Axon drops the entry as the unit of work rolls back, and the retry loads the aggregate afresh. Nothing
 * wrong is ever stored, but route commands by aggregate before turning it on there.
 */
@Configuration(proxyBeanMethods = false)
class AggregateCacheConfiguration {

    @Bean
    Cache aggregateCache(@Value("${candor.command.aggregate-cache-size:0}") int size) {
        return size > 0 ? new BoundedCache(size) : NoCache.INSTANCE;
    }
}
