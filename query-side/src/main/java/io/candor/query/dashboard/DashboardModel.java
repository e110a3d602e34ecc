package io.candor.query.dashboard;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.candor.events.Certainty;
import io.candor.events.Channel;
import io.candor.events.CompanySignal;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.InterviewerRole;
import io.candor.events.LessonCategory;
import io.candor.events.Reason;
import io.candor.events.Source;

import java.util.List;
import java.util.Map;

/** What every dashboard page needs: where the command API is and the texts of refused commands. */
@ControllerAdvice(assignableTypes = DashboardPages.class)
class DashboardModel {

    private final String commandApi;
    private final RuleExplanations rules;

    /**
     * @param commandSideUrl where the command side runs when it is not this process: the forms then post through
     *                       {@link CommandSideForwarding}, on the page's origin; unset, straight to this origin's
     *                       command API (the launcher)
     */
    DashboardModel(@Value("${candor.dashboard.command-side-url:}") String commandSideUrl, RuleExplanations rules) {
        this.commandApi = commandSideUrl.isBlank() ? "" : CommandSideForwarding.PREFIX;
        this.rules = rules;
    }

    @ModelAttribute("commandApi")
    String commandApi() {
        return commandApi;
    }

    /** The choices of the forms' selects, named as the command API names them. */
    @ModelAttribute("choices")
    Map<String, List<String>> choices() {
        return Map.of(
                "channel", names(Channel.values()), "reason", names(Reason.values()), "source", names(Source.values()),
                "interest", names(Interest.values()), "companySignal", names(CompanySignal.values()),
                "certainty", names(Certainty.values()), "fit", names(Fit.values()),
                "interviewerRole", names(InterviewerRole.values()), "lessonCategory", names(LessonCategory.values()));
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }

    @ModelAttribute("ruleTexts")
    Map<String, RuleExplanations.Explanation> ruleTexts() {
        return rules.all();
    }
}
