package io.candor.command;

import io.candor.command.rules.MessagePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** The rules' settings ({@code candor.rules.*}) as the beans the aggregates' command handlers are given. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandRulesConfiguration.CommandRuleProperties.class)
class CommandRulesConfiguration {

    /** NO_DEROGATORY_REMARKS's word list, {@code candor.rules.derogatory-words}. */
    @ConfigurationProperties("candor.rules")
    record CommandRuleProperties(List<String> derogatoryWords) {

        CommandRuleProperties {
            derogatoryWords = derogatoryWords == null ? List.of() : List.copyOf(derogatoryWords);
        }
    }

    @Bean
    MessagePolicy messagePolicy(CommandRuleProperties properties) {
        return new MessagePolicy(properties.derogatoryWords());
    }
}
