package io.cardsweep.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;
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
        if (!sets(load(file), "", "cardsweep.job.name")) {
            throw new RunCommand.UsageException("Job definition " + file + " does not set cardsweep.job.name.");
        }
    }

    /** Whether it names a table or query to read the instructions from, so that a run of it takes no input file. */
    static boolean namesTableSource(Path file) {
        Object document = load(file);
        return sets(document, "", "cardsweep.job.source.table") || sets(document, "", "cardsweep.job.source.sql");
    }

    private static @Nullable Object load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        catch (MarkedYAMLException ex) {
            Mark mark = ex.getProblemMark();
            throw new RunCommand.UsageException("Job definition " + file + " is not valid YAML: " + ex.getProblem()
                    + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")") + ".");
        }
        catch (YAMLException | IOException ex) {
            throw new RunCommand.UsageException("Job definition " + file + " cannot be read: " + ex.getMessage());
        }
    }

    /** Spring Boot reads {@code a: {b: 1}} and {@code a.b: 1} alike, so both spellings count. */
    private static boolean sets(@Nullable Object node, String path, String property) {
        if (!(node instanceof Map<?, ?> map)) {
            return path.equals(property) && node != null;
        }
        return map.entrySet().stream().anyMatch(entry -> sets(entry.getValue(), path.isEmpty() ? String.valueOf(entry.getKey())
                : path + "." + entry.getKey(), property));
    }
}
