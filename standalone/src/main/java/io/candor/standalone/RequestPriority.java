package io.candor.standalone;

import io.candor.query.support.RequestsInFlight;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.io.IOException;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * In the one process, the views come before the requests when both want the CPU: a thread serving a request runs
 * at a nice value {@code candor.requests.nice} above the process's (10 unless set; 0 leaves it alone; 19 at most),
 * the views' processors and the embedded server at the process's own. Under a load that keeps both cores busy,
 * requests then wait longer for the CPU and the views stay close behind the commands; with cores to spare nothing
 * changes. Measured at 32 clients of the benchmark's mix: lag p99 less than half, 15% fewer commands per second
 * (see the README).
 * <p>
 * Each request thread raises its own nice value once, at its first request (Linux only: {@link ThreadNice}); it
 * cannot lower it again. A view catching up (a replay, a rebuild) is always busy and would leave requests a small
 * share of the CPU; it makes way for the requests being served instead ({@link RequestsInFlight}, counted here). A
 * thread started by a request thread starts at the same value, so nothing the views depend on may be started from
 * a request: the admin operations stop and start a view's processor from a thread of their own.
 */
@Configuration(proxyBeanMethods = false)
class RequestPriority {

    private static final Logger log = LoggerFactory.getLogger(RequestPriority.class);

    @Bean
    FilterRegistrationBean<Filter> requestThreadsNice(@Value("${candor.requests.nice:10}") int nice) {
        if (nice < 0 || nice > ThreadNice.MOST_NICE) {
            throw new IllegalArgumentException("candor.requests.nice must be between 0 (unchanged) and "
                    + ThreadNice.MOST_NICE + ", not " + nice);
        }
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new NiceThreads(nice));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
        registration.setEnabled(nice > 0 && ThreadNice.unavailable() == null);
        if (nice > 0 && ThreadNice.unavailable() != null) {
            log.info("Request threads keep the process's priority: {}", ThreadNice.unavailable());
        } else if (nice > 0) {
            log.info("Request threads run at a nice value {} above the process's, the views' processors at the "
                    + "process's own (candor.requests.nice; 0 leaves them alone)", nice);
        }
        return registration;
    }

    /**
     * Sets the nice value of each thread it sees once, before the thread's first request, and counts the requests
     * being served, for which a view catching up makes way ({@link RequestsInFlight}).
     */
    static final class NiceThreads implements Filter {

        private final int nice;
        private final ThreadLocal<Boolean> set = new ThreadLocal<>();
        private final AtomicBoolean failed = new AtomicBoolean();

        NiceThreads(int nice) {
            this.nice = nice;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (set.get() == null) {
                set.set(Boolean.TRUE);
                if (!ThreadNice.raise(nice) && failed.compareAndSet(false, true)) {
                    log.warn("A request thread keeps the process's priority: its nice value could not be raised");
                }
            }
            RequestsInFlight.enter();
            try {
                chain.doFilter(request, response);
            } finally {
                RequestsInFlight.exit();
            }
        }
    }
}
