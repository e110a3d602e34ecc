package io.candor.query.dashboard;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The plain-language texts the dashboard shows beside a form when a command is refused: one per rule code, with the
 * articles' advice, all kept in {@code dashboard/rules.properties}.
 */
@Component
public class RuleExplanations {

    static final String LOCATION = "dashboard/rules.properties";

    /** What a refused command's rule means, and what the articles advise. */
    public record Explanation(String title, String explanation, String advice) {
    }

    private final Map<String, Explanation> byCode;

    public RuleExplanations() {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(new ClassPathResource(LOCATION).getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + LOCATION, e);
        }
        Map<String, Explanation> codes = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.endsWith(".title")) {
                String code = key.substring(0, key.length() - ".title".length());
                codes.put(code, new Explanation(properties.getProperty(key),
                        properties.getProperty(code + ".explanation", ""), properties.getProperty(code + ".advice", "")));
            }
        }
        this.byCode = Collections.unmodifiableMap(codes);
    }

    /** Every rule code's explanation, by code. */
    public Map<String, Explanation> all() {
        return byCode;
    }

    /** The explanation of one code, or null if there is none. */
    public Explanation of(String code) {
        return byCode.get(code);
    }
}
