/**
 * The benchmark: runs the launcher as a child process on the embedded default and measures it against raw driver
 * round trips to the same server. A tool run on demand, never part of the test run; it depends on no side's code.
 */
package io.candor.benchmark;
