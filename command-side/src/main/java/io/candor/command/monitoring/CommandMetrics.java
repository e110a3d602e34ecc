package io.candor.command.monitoring;

import io.candor.command.rules.InvalidCommandException;
import io.candor.command.rules.RuleViolation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The timer {@code candor.command} (Prometheus: {@code candor_command_seconds}), tagged with the command's name and
 * its outcome: {@code accepted}, {@code refused} (a rule, 422), {@code invalid} (400), {@code conflict} (409),
 * {@code not-found} (404) or {@code failed}. Measured around the handling on the command bus, so it includes
 * loading the aggregate, storing its events and waiting for them to be durable; not the HTTP parsing around it,
 * which Spring's {@code http.server.requests} covers.
 */
@Configuration(proxyBeanMethods = false)
class CommandMetrics {

    static final String TIMER = "candor.command";

    @Bean
    ConfigurerModule commandMetricsModule(MeterRegistry registry) {
        MessageHandlerInterceptor<CommandMessage<?>> timing = new Timing(registry);
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.EXTERNAL_CONNECTIONS - 1,
                () -> config.commandBus().registerHandlerInterceptor(timing)));
    }

    private record Timing(MeterRegistry registry) implements MessageHandlerInterceptor<CommandMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            Timer.Sample sample = Timer.start(registry);
            // At clean-up the unit of work has committed (events appended, durability awaited) or rolled back.
            unitOfWork.onCleanup(done -> sample.stop(Timer.builder(TIMER)
                    .description("Commands handled, from loading the aggregate to durable events")
                    .tag("command", done.getMessage().getPayloadType().getSimpleName())
                    .tag("outcome", outcomeOf(done))
                    .publishPercentileHistogram()
                    .register(registry)));
            return chain.proceed();
        }

        private static String outcomeOf(UnitOfWork<?> done) {
            if (!done.isRolledBack()) {
                return "accepted";
            }
            return done.getExecutionResult().isExceptionResult()
                    ? outcomeOf(done.getExecutionResult().getExceptionResult()) : "failed";
        }

        private static String outcomeOf(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof RuleViolation) {
                    return "refused";
                }
                if (cause instanceof InvalidCommandException) {
                    return "invalid";
                }
                if (cause instanceof ConcurrencyException) {
                    return "conflict";
                }
                if (cause instanceof AggregateNotFoundException) {
                    return "not-found";
                }
            }
            return "failed";
        }
    }
}
