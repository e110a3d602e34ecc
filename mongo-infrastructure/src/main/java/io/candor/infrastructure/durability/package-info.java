/**
 * When an acknowledged write is safe from a crash: the {@code WriteDurability} contract, the group commit the
 * embedded server uses, and the command bus interceptor that waits for it before a command's result is sent.
 */
package io.candor.infrastructure.durability;
