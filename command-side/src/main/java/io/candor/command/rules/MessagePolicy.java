package io.candor.command.rules;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a message to an employer (or to a helper) may and must say: no derogatory words or phrases from the
 * configured list (NO_DEROGATORY_REMARKS), and, where thanks are due, words of thanks (WITHDRAW_WITH_THANKS,
 * RELEASE_WITH_THANKS). Words match whole and in any case; a phrase matches across any run of spaces.
 */
public final class MessagePolicy {

    private static final Pattern THANKS = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(thank|grateful|gratitude|appreciat)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final Pattern derogatory;

    public MessagePolicy(Collection<String> derogatoryWords) {
        String alternatives = derogatoryWords.stream()
                .map(String::strip)
                .filter(word -> !word.isEmpty())
                .map(word -> word.toLowerCase(Locale.ROOT))
                .distinct()
                .map(MessagePolicy::phrase)
                .collect(Collectors.joining("|"));
        this.derogatory = alternatives.isEmpty() ? null : Pattern.compile(
                "(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static String phrase(String words) {
        return Pattern.compile("\\s+").splitAsStream(words).map(Pattern::quote).collect(Collectors.joining("\\s+"));
    }

    /** True when {@code text} holds one of the derogatory words or phrases; null text holds none. */
    public boolean isDerogatory(String text) {
        return derogatory != null && text != null && derogatory.matcher(text).find();
    }

    /** True when {@code text} thanks its reader ("thank", "grateful", "gratitude", "appreciate" and their forms). */
    public static boolean thanks(String text) {
        return text != null && THANKS.matcher(text).find();
    }
}
