/**
 * {@code lbc diff} as a library: what a change to a deployment does, computed from the two typed
 * plans, the two in-memory builds and the two lint results, never from the text of the inputs. May
 * use the model, the plan, the build and the diagnostics; never a front end, a rule or the command
 * line. Start at {@link DeploymentDiff#compare}.
 */
package dev.lbc.backends.diff;
