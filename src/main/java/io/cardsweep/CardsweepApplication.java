package io.cardsweep;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: {@code sandbox} runs the provider simulators; every other command runs inside Spring Boot. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CardsweepApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("sandbox")) {
            io.cardsweep.sandbox.SandboxCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(io.cardsweep.cli.Cli.run(args));
    }
}
