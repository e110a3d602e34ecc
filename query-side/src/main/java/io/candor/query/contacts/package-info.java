/**
 * The network contacts view: every person met along a candidate's search, where and when, the interactions,
 * whether the bridge is warm or at risk, and the follow-ups due. One document per candidate; processing group {@code contacts}.
 */
package io.candor.query.contacts;
