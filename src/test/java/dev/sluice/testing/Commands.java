package dev.sluice.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the machine running the tests has installed, for suites that need an outside program. */
public final class Commands {

    private Commands() {}

    /** Whether an executable of that name is in one of the PATH's directories. */
    public static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
