/**
 * The lessons-learned view: questions interviewers asked (how often, where), résumé parts to fix, market insights,
 * red flags, skill gaps, practice interviews and surprises. One document per candidate; processing group {@code lessons}.
 */
package io.candor.query.lessons;
