package io.candor.command.caching;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A cache per aggregate type ({@code @Aggregate(cache = "candidateCache")}, {@code "opportunityCache"}), each
 * sized by {@code candor.command.aggregate-cache-size}: 0 (the command side's default) caches nothing. One cache per
 * type, because a cache is keyed by the aggregate's id alone: shared, it handed the opportunities' repository a
 * cached candidate for a command sent to a candidate's id.
 * <p>
 * A cache is right where one process writes every aggregate, as the launcher does: an aggregate in memory needs
 * none of its events read back before the next command. Where several command-side processes write, a cached
 * aggregate can be behind the store; the append then fails on the store's unique (aggregate, sequence) key, the
 * client gets a 409, Axon drops the entry as the unit of work rolls back, and the retry loads the aggregate afresh.
 * Nothing wrong is ever stored, but route commands by aggregate before turning it on there.
 */
@Configuration(proxyBeanMethods = false)
class AggregateCacheConfiguration {

    @Bean
    Cache candidateCache(@Value("${candor.command.aggregate-cache-size:0}") int size) {
        return size > 0 ? new BoundedCache(size) : NoCache.INSTANCE;
    }

    @Bean
    Cache opportunityCache(@Value("${candor.command.aggregate-cache-size:0}") int size) {
        return size > 0 ? new BoundedCache(size) : NoCache.INSTANCE;
    }
}
