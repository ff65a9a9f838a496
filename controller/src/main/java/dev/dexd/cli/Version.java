package dev.dexd.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code dexd --version}: the jar's implementation version when packaged. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Dexd.class.getPackage().getImplementationVersion();
        return new String[] {"dexd " + (v == null ? "(development build)" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
