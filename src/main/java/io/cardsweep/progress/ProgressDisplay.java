package io.cardsweep.progress;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where progress shows: bars, for a person at a terminal; lines, everywhere else — output redirected or piped, a CI
 * job, a Kubernetes pod (whose log would keep every redraw of a bar), a terminal that cannot move its cursor.
 */
public enum ProgressDisplay {

    /** One line per provider, every interval, on standard output and in the log file. */
    LINES,
    /** One bar per provider on the terminal; the lines still go to the log file. */
    BARS;

    /** As this process is run. */
    public static ProgressDisplay forThisProcess() {
        Console console = System.console();
        return choose(console != null && isTerminal(console), System.getenv());
    }

    /**
     * @param terminal whether standard input and output are a terminal (what {@link System#console()} tells)
     * @param environment the process's environment variables
     */
    static ProgressDisplay choose(boolean terminal, Map<String, String> environment) {
        String term = environment.get("TERM");
        boolean cursorMoves = term != null && !term.isBlank() && !term.equals("dumb");
        boolean unattended = environment.containsKey("KUBERNETES_SERVICE_HOST") || isSet(environment.get("CI"));
        return terminal && cursorMoves && !unattended ? BARS : LINES;
    }

    private static boolean isSet(@Nullable String value) {
        return value != null && !value.isBlank() && !value.equalsIgnoreCase("false");
    }

    /**
     * Up to Java 21 a console exists only when input and output are a terminal; from Java 22 it may exist without one, and
     * {@code Console.isTerminal()} tells.
     */
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        }
        catch (NoSuchMethodException ex) {
            return true;
        }
        catch (ReflectiveOperationException | RuntimeException ex) {
            return false;
        }
    }
}
