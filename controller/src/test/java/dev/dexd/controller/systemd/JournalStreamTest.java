package dev.dexd.controller.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JOURNAL_STREAM names the socket systemd gave as stdout; a child with stdout redirected elsewhere
 * inherits the variable and must not prefix (a textfile-collector file would break). The peer is
 * /usr/bin/python3 with a real socketpair, as journald's stream socket would be.
 */
class JournalStreamTest {
    private static final String SCRIPT = String.join("\n",
        "import os, socket, subprocess, sys",
        "a, b = socket.socketpair()",
        "st = os.fstat(a.fileno())",
        "env = dict(os.environ, JOURNAL_STREAM='%d:%d' % (st.st_dev, st.st_ino))",
        "out = a if sys.argv[1] == 'socket' else open(sys.argv[2], 'w')",
        "r = subprocess.run(sys.argv[3:], stdout=out, stderr=subprocess.PIPE, env=env, timeout=60)",
        "sys.stdout.write(r.stderr.decode())",
        "");

    @Test
    void onlyTheAnnouncedSocketIsTheJournal(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
        Files.writeString(dir.resolve("peer.py"), SCRIPT);
        assertEquals("journal=true", probe(dir, "socket"));
        assertEquals("journal=false", probe(dir, "file"));
    }

    private static String probe(Path dir, String stdout) throws Exception {
        List<String> cmd = List.of("/usr/bin/python3", dir.resolve("peer.py").toString(), stdout,
            dir.resolve("out.txt").toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), JournalProbeMain.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(90, TimeUnit.SECONDS);
        return out;
    }
}
