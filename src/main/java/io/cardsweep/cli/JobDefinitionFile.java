package io.cardsweep.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a job definition once before Spring Boot does, so a typo in it costs one sentence naming the
 * line, not a stack trace from deep inside the application's start.
 */
final class JobDefinitionFile {

    private JobDefinitionFile() {
    }

    static void check(Path file) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        catch (MarkedYAMLException ex) {
            Mark mark = ex.getProblemMark();
            throw new RunCommand.UsageException("Job definition " + file + " is not valid YAML: " + ex.getProblem()
                    + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")") + ".");
        }
        catch (YAMLException | IOException ex) {
            throw new RunCommand.UsageException("Job definition " + file + " cannot be read: " + ex.getMessage());
        }
        if (!setsName(document, "")) {
            throw new RunCommand.UsageException("Job definition " + file + " does not set cardsweep.job.name.");
        }
    }

    /** Spring Boot reads {@code a: {b: 1}} and {@code a.b: 1} alike, so both spellings count. */
    private static boolean setsName(Object node, String path) {
        if (!(node instanceof Map<?, ?> map)) {
            return path.equals("cardsweep.job.name") && node != null;
        }
        return map.entrySet().stream().anyMatch(entry -> setsName(entry.getValue(), path.isEmpty() ? String.valueOf(entry.getKey())
                : path + "." + entry.getKey()));
    }
}
