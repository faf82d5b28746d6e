package io.cardsweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docker build cannot run here, so the Dockerfile's promises are read from its text. */
class DockerfileTests {

    /** The instructions of the final stage (from its FROM on), continuation lines joined and comments left out. */
    private static List<String> finalStage() throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
            if (line.strip().startsWith("#") || line.isBlank()) {
                continue;
            }
            current.append(line.strip());
            if (line.endsWith("\\")) {
                current.setLength(current.length() - 1);
                continue;
            }
            String instruction = current.toString();
            current.setLength(0);
            if (instruction.toUpperCase().startsWith("FROM ")) {
                instructions.clear();
            }
            instructions.add(instruction);
        }
        return instructions;
    }

    @Test
    void runsOnATemurinJre21Or25() throws IOException {
        assertThat(finalStage().get(0)).matches("FROM eclipse-temurin:(21|25)[.\\d]*-jre\\S*");
    }

    @Test
    void runsAsANonRootUser() throws IOException {
        List<String> users = finalStage().stream().filter(i -> i.startsWith("USER ")).toList();
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).substring(5).strip().split(":")[0];
        assertThat(user).isNotIn("root", "0");
    }

    @Test
    void startsJavaAsPidOneInExecForm() throws IOException {
        List<String> entrypoints = finalStage().stream().filter(i -> i.startsWith("ENTRYPOINT ")).toList();
        assertThat(entrypoints).hasSize(1);
        String entrypoint = entrypoints.get(0).substring("ENTRYPOINT ".length()).strip();
        assertThat(entrypoint).startsWith("[\"java\"").endsWith("]");
        assertThat(entrypoint).contains("\"-XX:MaxRAMPercentage=75\"", "\"-XX:TieredStopAtLevel=1\"",
                "\"org.springframework.boot.loader.launch.JarLauncher\"");
    }

    @Test
    void buildsALayeredJarOnAJdk17() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jdk AS build", "-Djarmode=tools", "extract --layers --launcher");
    }
}
