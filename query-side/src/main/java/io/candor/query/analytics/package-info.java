/**
 * Firm analytics: one document per candidate holding their firm and the facts the firm's figures need (reasons,
 * sources, offers, notices, searches), aggregated across the firm's candidates when read. Processing group
 * {@code analytics}.
 */
package io.candor.query.analytics;
