package io.candor.command.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The words a message may and must hold. */
class MessagePolicyTest {

    private final MessagePolicy policy = new MessagePolicy(List.of("joke", " Crap ", "waste of time", ""));

    @Test
    void aListedWord_isDerogatory_inAnyCase() {
        assertThat(policy.isDerogatory("What a JOKE.")).isTrue();
        assertThat(policy.isDerogatory("crap!")).isTrue();
    }

    @Test
    void aListedPhrase_matchesAcrossAnySpacing() {
        assertThat(policy.isDerogatory("It was a Waste\n of   time")).isTrue();
    }

    @Test
    void aWordThatOnlyContainsAListedOne_isNot() {
        assertThat(policy.isDerogatory("Scrap the jokes, the jokers and the crapshoot")).isFalse();
        assertThat(policy.isDerogatory(null)).isFalse();
    }

    @Test
    void anEmptyList_findsNothing() {
        assertThat(new MessagePolicy(List.of()).isDerogatory("joke")).isFalse();
    }

    @Test
    void thanks_areFoundInTheirUsualForms() {
        assertThat(MessagePolicy.thanks("Thank you")).isTrue();
        assertThat(MessagePolicy.thanks("many THANKS")).isTrue();
        assertThat(MessagePolicy.thanks("I am grateful")).isTrue();
        assertThat(MessagePolicy.thanks("I appreciated it")).isTrue();
        assertThat(MessagePolicy.thanks("with gratitude")).isTrue();
        assertThat(MessagePolicy.thanks("I am no longer interested")).isFalse();
        assertThat(MessagePolicy.thanks("unthankful")).isFalse();
        assertThat(MessagePolicy.thanks(null)).isFalse();
    }
}
