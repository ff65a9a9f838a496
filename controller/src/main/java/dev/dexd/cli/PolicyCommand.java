package dev.dexd.cli;

import picocli.CommandLine.Command;

/** {@code dexd policy}: make, inspect, check and time policies offline. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Work with policies: make the demo policy, inspect a model, roll it out on recorded observations, time it.",
    subcommands = {PolicyMakeDemo.class, PolicyInspect.class, PolicyRollout.class, PolicyBench.class})
final class PolicyCommand {
}
