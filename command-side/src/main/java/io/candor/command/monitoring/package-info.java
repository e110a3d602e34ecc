/**
 * What the command side tells Micrometer (and so Prometheus at {@code /actuator/prometheus}): how long each
 * command took and how it ended. No decisions live here.
 */
package io.candor.command.monitoring;
