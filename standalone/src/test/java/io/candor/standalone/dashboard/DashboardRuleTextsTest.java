package io.candor.standalone.dashboard;

import io.candor.command.rules.Rule;
import io.candor.query.dashboard.RuleExplanations;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard explains every rule code the command side can return; checked here, where both sides are on the
 * classpath (the query side may not import the command side's Rule enum).
 */
class DashboardRuleTextsTest {

    private static final List<String> PRODUCT_RULES = List.of("DECLINE_ONLY_BEFORE_AGREEING", "CANCEL_ONLY_SCHEDULED",
            "NO_BAILING_MID_INTERVIEW", "SAME_CHANNEL", "REASON_REQUIRED", "ACCEPTABLE_CANCEL_REASON",
            "OTHER_OFFER_MUST_EXIST", "NO_DEROGATORY_REMARKS", "WITHDRAW_WITH_THANKS", "OFFER_NEEDS_INTERVIEW",
            "OFFER_DECIDED_ONCE", "ENDED_IS_FINAL");

    private final RuleExplanations explanations = new RuleExplanations();

    @Test
    void everyRuleCodeOfTheCommandSide_hasATitleAndAPlainLanguageExplanation() {
        for (Rule rule : Rule.values()) {
            RuleExplanations.Explanation explanation = explanations.of(rule.name());
            assertThat(explanation).as(rule.name()).isNotNull();
            assertThat(explanation.title()).as(rule.name()).isNotBlank();
            assertThat(explanation.explanation()).as(rule.name()).isNotBlank();
        }
    }

    @Test
    void theTwelveRulesOfTheProduct_carryTheArticlesAdvice() {
        assertThat(Arrays.stream(Rule.values()).map(Rule::name)).containsAll(PRODUCT_RULES);
        for (String code : PRODUCT_RULES) {
            assertThat(explanations.of(code).advice()).as(code).isNotBlank();
        }
    }

    @Test
    void noExplanation_isForACodeTheCommandSideDoesNotHave() {
        assertThat(explanations.all().keySet())
                .allMatch(code -> Arrays.stream(Rule.values()).anyMatch(rule -> rule.name().equals(code)));
    }
}
