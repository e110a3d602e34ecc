package io.candor.events;

/** What kind of lesson the candidate took from an opportunity. */
public enum LessonCategory {
    INTERVIEW_QUESTION,
    RESUME_CLARITY,
    MARKET_INSIGHT,
    SKILL_GAP,
    RED_FLAG,
    SELF_PRESENTATION
}
