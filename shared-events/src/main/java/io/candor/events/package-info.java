/**
 * The contract both sides share: typed ids and the value types (enums, people) that events carry.
 * Nothing here may depend on Spring, MongoDB or any Axon type beyond annotations.
 */
package io.candor.events;
