package io.candor.standalone;

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

/**
 * In the one process, the views come before the requests when both want the CPU: a thread serving a request runs
 * at nice {@code candor.requests.nice} (10 unless set; 0 leaves it alone), the views' processors and the embedded
 * server at the process's own. Under a load that keeps both cores busy, requests then wait a little longer for the
 * CPU and the views stay close behind the commands; with cores to spare nothing changes. Measured at 32 clients of
 * the benchmark's mix: lag p99 about half, commands per second within the noise (see the README).
 * <p>
 * Each request thread sets its own nice value once, at its first request (Linux only: {@link ThreadNice}); it cannot
 * lower it again. A thread started by a request thread starts at the same value, so no long-lived thread may be
 * started from a request: the admin operations start a view's processor from a thread of their own.
 */
@Configuration(proxyBeanMethods = false)
class RequestPriority {

    private static final Logger log = LoggerFactory.getLogger(RequestPriority.class);
    static final int MOST_NICE = 19;

    @Bean
    FilterRegistrationBean<Filter> requestThreadsNice(@Value("${candor.requests.nice:10}") int nice) {
        if (nice < 0 || nice > MOST_NICE) {
            throw new IllegalArgumentException("candor.requests.nice must be between 0 (unchanged) and " + MOST_NICE
                    + ", not " + nice);
        }
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new NiceThreads(nice));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
        registration.setEnabled(nice > 0 && ThreadNice.available());
        if (nice > 0 && !ThreadNice.available()) {
            log.info("Request threads keep their priority: thread nice values are set on Linux only");
        } else if (nice > 0) {
            log.info("Request threads run at nice {}, the views' processors at the process's own "
                    + "(candor.requests.nice; 0 leaves them alone)", nice);
        }
        return registration;
    }

    /** Sets the nice value of each thread it sees once, before the thread's first request. */
    static final class NiceThreads implements Filter {

        private final int nice;
        private final ThreadLocal<Boolean> set = new ThreadLocal<>();

        NiceThreads(int nice) {
            this.nice = nice;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (set.get() == null) {
                set.set(Boolean.TRUE);
                ThreadNice.set(nice);
            }
            chain.doFilter(request, response);
        }
    }
}
