/**
 * Crypto-shredding: the candidate's personal data in events is encrypted with a key per candidate, kept apart from
 * the events; erasure deletes the key. Nothing here knows the events beyond the {@code @PersonalData} mark.
 */
package io.candor.infrastructure.personaldata;
