/** Tamper evidence of a candidate's history: the hash chains of their events as stored, checked against the timeline. */
package io.candor.query.integrity;
