/**
 * The rule codes both aggregates enforce, the exceptions that carry a refusal, and the policy on the words of a
 * message. No Spring and no Axon here: the aggregates depend on this package, never the other way round.
 */
package io.candor.command.rules;
