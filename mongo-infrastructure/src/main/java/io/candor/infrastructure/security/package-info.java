/**
 * Who may do what, and for which firm: users and their roles, HTTP Basic, API tokens and JWTs, and the tenant check
 * that keeps each firm to its own candidates. Off unless {@code candor.security.enabled} is set.
 */
package io.candor.infrastructure.security;
