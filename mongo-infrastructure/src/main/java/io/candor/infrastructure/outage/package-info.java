/**
 * What the apps do while MongoDB cannot be reached: the driver gives up after a short server selection instead of
 * half a minute, every request that needed the database is answered 503 with {@code Retry-After} (never a 500),
 * the {@code mongo} health component says DOWN, and nothing needs a restart once the database is back.
 */
package io.candor.infrastructure.outage;
