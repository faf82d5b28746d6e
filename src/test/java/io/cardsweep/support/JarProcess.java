package io.cardsweep.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/cardsweep.jar}) as a separate process, the way users and
 * Kubernetes run it; its output goes to files so a test can read it after a kill.
 */
public final class JarProcess {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private JarProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static JarProcess start(Path logDir, String name, List<String> args) throws IOException {
        Files.createDirectories(logDir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", "target/cardsweep.jar"));
        command.addAll(args);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new JarProcess(process, out, err);
    }

    /** Waits for a normal exit and returns its code. */
    public int waitForExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("cardsweep did not finish within " + seconds + " s; output:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGTERM, as Kubernetes sends a pod it stops or Ctrl-C's quieter sibling: the process may end on its own terms. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL, as an OOM kill or a node loss would do: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        try {
            return Files.readString(stdout) + Files.readString(stderr);
        }
        catch (IOException ex) {
            return "(output unreadable: " + ex.getMessage() + ")";
        }
    }
}
