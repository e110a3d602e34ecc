package io.candor.standalone.hostile;

import net.jqwik.api.FixedSeedMode;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * A fixed seed and number of tries by default, so that every build sends the same requests; override them with
 * {@code -Dcandor.hostile.seed=...} (any long) and {@code -Dcandor.hostile.tries=...} to explore further.
 */
class HostileSeed implements AroundPropertyHook {

    static final String SEED = "candor.hostile.seed";
    static final String TRIES = "candor.hostile.tries";
    static final String DEFAULT_SEED = "20260301";
    static final int DEFAULT_TRIES = 2000;

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        context.attributes().setSeed(System.getProperty(SEED, DEFAULT_SEED));
        context.attributes().setWhenFixedSeed(FixedSeedMode.ALLOW);
        context.attributes().setTries(Integer.getInteger(TRIES, DEFAULT_TRIES));
        return property.execute();
    }
}
