package dev.dexd.controller.counters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The counters directory as the daemon finds or makes it: owned by the daemon's user and writable by
 * no one else. The default lives under /dev/shm, where every user can make directories; one made by
 * another user (or left group- or world-writable) would let that user replace the counters file the
 * daemon maps and writes, or point it elsewhere with a symbolic link. Such a directory is refused,
 * never used; a new one is made 0755.
 */
public final class CountersDirectory {
    private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    private CountersDirectory() {
    }

    /**
     * Creates {@code dir} (and missing parents) if needed, then checks it and any counters file in it.
     *
     * @throws CountersDirectoryException when another user owns it, others may write to it, or it
     *     cannot be created or read
     */
    public static void prepare(Path dir) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(MODE));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // made at the same moment by someone else: checked below like any other
                }
            }
            int self = ownUid();
            // the link itself (whoever made it chose where it points), then what it points to
            check(dir, self, LinkOption.NOFOLLOW_LINKS);
            check(dir, self);
            Path file = CountersFile.in(dir);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                if (owner != self || Files.isSymbolicLink(file)) {
                    throw new CountersDirectoryException("the counters file " + file + " is "
                        + (owner != self ? "owned by uid " + owner + ", not by this user (uid " + self + ")"
                        : "a symbolic link") + ": remove it, or set counters.dir to a directory of your own");
                }
            }
        } catch (IOException e) {
            throw new CountersDirectoryException("cannot create or check the counters directory " + dir + ": " + e
                + " (set counters.dir to a directory this user can write)", e);
        }
    }

    private static void check(Path dir, int self, LinkOption... options) throws IOException {
        if (!Files.isDirectory(dir, options) && options.length == 0) {
            throw new CountersDirectoryException("the counters directory " + dir + " is not a directory:"
                + " remove it, or set counters.dir to another directory");
        }
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", options);
        if (owner != self) {
            throw new CountersDirectoryException("the counters directory " + dir + (options.length > 0
                && Files.isSymbolicLink(dir) ? " (a symbolic link)" : "") + " is owned by uid " + owner
                + ", not by this user (uid " + self + "), who could replace the counters file: remove it (rm -r "
                + dir + ") or set counters.dir to a directory of your own");
        }
        if (options.length > 0 && Files.isSymbolicLink(dir)) {
            return; // a link's own mode means nothing; its target is checked next
        }
        int mode = (Integer) Files.getAttribute(dir, "unix:mode", options);
        if ((mode & 0022) != 0) {
            throw new CountersDirectoryException("the counters directory " + dir + " is writable by "
                + ((mode & 0002) != 0 ? "every user" : "its group") + " (mode " + String.format("%03o", mode & 0777)
                + "), who could replace the counters file: chmod go-w " + dir
                + ", or set counters.dir to a directory of your own");
        }
    }

    /** The uid this process runs as: the owner of /proc/self on Linux. */
    static int ownUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
