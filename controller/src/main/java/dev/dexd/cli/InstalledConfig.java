package dev.dexd.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config {@code dexd service install} writes to /etc/dexd/dexd.yaml: a distribution template
 * (configs/sim.yaml or configs/robot.yaml) with its comments kept and the values a service needs
 * rewritten: relative paths made absolute against /opt/dexd/configs (the file no longer sits beside
 * them), the step logs in /var/log/dexd (LogsDirectory=), the counters in /run/dexd
 * (RuntimeDirectory=), and the control thread real-time (SCHED_FIFO, locked memory), as the unit's
 * LimitRTPRIO=/LimitMEMLOCK= allow. Only top-level sections with two-space keys are touched, which is
 * how every shipped template is written.
 */
final class InstalledConfig {
    static final String TEMPLATES = ServiceInstaller.HOME + "/configs";
    static final String LOG_DIR = "/var/log/dexd";
    static final String COUNTERS_DIR = "/run/dexd";
    static final int FIFO_PRIORITY = 80;

    private static final Pattern SECTION = Pattern.compile("^([A-Za-z_]+):\\s*(#.*)?$");
    private static final Pattern KEY = Pattern.compile("^  ([A-Za-z_]+):(\\s+)([^\\s#][^#]*?)(\\s+#.*)?$");

    private InstalledConfig() {
    }

    /** The template's text with the service's values; {@code template} ends lines with \n. */
    static String from(String template) {
        List<String> out = new ArrayList<>();
        String section = "";
        boolean counters = false;
        for (String line : template.split("\n", -1)) {
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                section = s.group(1);
                counters |= section.equals("counters");
                out.add(line);
                continue;
            }
            Matcher k = KEY.matcher(line);
            if (k.matches()) {
                String value = rewrite(section, k.group(1), k.group(3).trim());
                if (value != null) {
                    String comment = k.group(4) == null ? "" : k.group(4);
                    line = "  " + k.group(1) + ":" + k.group(2) + value + comment;
                }
            }
            out.add(line);
        }
        String text = String.join("\n", out);
        if (!counters) {
            text = (text.endsWith("\n") ? text : text + "\n")
                + "\ncounters:\n  dir: " + COUNTERS_DIR + "                # RuntimeDirectory=dexd: `dexd stat --dir "
                + COUNTERS_DIR + "`\n";
        }
        return text;
    }

    /** The new value of {@code section.key}, or null to keep the line as it is. */
    private static String rewrite(String section, String key, String value) {
        switch (section + "." + key) {
            case "hand.model":
            case "policy.manifest":
                return absolute(value);
            case "hand.library":
                return value.contains("/") ? absolute(value) : null;
            case "log.dir":
                return LOG_DIR;
            case "counters.dir":
                return COUNTERS_DIR;
            case "control.fifo_priority":
                return value.equals("0") ? Integer.toString(FIFO_PRIORITY) : null;
            case "control.lock_memory":
                return "true";
            default:
                return null;
        }
    }

    private static String absolute(String value) {
        if (value.startsWith("/") || value.startsWith("\"") || value.startsWith("'")) {
            return null;
        }
        return java.nio.file.Path.of(TEMPLATES).resolve(value).normalize().toString();
    }
}
