package io.candor.infrastructure.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Every error of either side's web app as problem+json, whoever decides it: the container's error dispatch and
 * the headers Spring cannot parse ({@link ProblemErrorDispatch}, first of all filters), and what Tomcat refuses
 * before the application sees the request ({@link ProblemErrorReportValve}); and every request's correlation id
 * ({@link CorrelationIds}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemWebConfiguration {

    @Bean
    FilterRegistrationBean<ProblemErrorDispatch> problemErrorDispatch(ObjectMapper json) {
        FilterRegistrationBean<ProblemErrorDispatch> registration =
                new FilterRegistrationBean<>(new ProblemErrorDispatch(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Right after the problem dispatch, so that even a refused request answers its correlation id. */
    @Bean
    FilterRegistrationBean<CorrelationIds> correlationIds() {
        FilterRegistrationBean<CorrelationIds> registration = new FilterRegistrationBean<>(new CorrelationIds());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Puts the valve in place of Tomcat's default error report on the host that serves the application. */
    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReport() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
