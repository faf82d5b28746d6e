# syntax=docker/dockerfile:1
# cardsweep's container image. Build: docker build -t REGISTRY/cardsweep:VERSION .
# The image runs `cardsweep` itself: its arguments are the command line (run JOB.yml ..., plan, reconcile, resolve).

# --- build: the Maven wrapper on a JDK 17 (the bytecode level the project targets) ---
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Dependencies in a layer of their own, so a source change does not download them again.
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/cardsweep.jar extract --layers --launcher --destination /extracted

# --- run: a JRE 21 (Java 17 bytecode runs on 17, 21 and 25) ---
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 cardsweep \
 && useradd --system --uid 10001 --gid cardsweep --home-dir /app --shell /usr/sbin/nologin cardsweep
WORKDIR /app
# Least to most often changed, so a new build usually ships only the last layer.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# Reports go to /app/reports (mount a volume there to keep them); logs and the local state to /app/.cardsweep.
RUN mkdir -p /app/reports /app/.cardsweep && chown cardsweep:cardsweep /app/reports /app/.cardsweep
USER 10001:10001

# -XX:MaxRAMPercentage / InitialRAMPercentage: size the heap from the container's memory limit, leaving room for
#   metaspace, thread stacks and direct buffers.
# -XX:TieredStopAtLevel=1, as ./cardsweep has it: a run waits on providers and PostgreSQL, and the optimising JIT tier
#   costs more CPU compiling than it saves (half the CPU of a 20,000-instruction run on two cores, see the README's
#   design notes, "JIT"). Flags here come after JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS and win over them: to change
#   one (-XX:TieredStopAtLevel=4 brings the optimising tier back), give the container a `command` of its own.
# -XX:+ExitOnOutOfMemoryError: a run out of memory ends, and the ledger's restart takes over, instead of limping on.
ENV CARDSWEEP_HOME=/app/.cardsweep
# Exec form: java is PID 1, so Kubernetes' SIGTERM reaches the JVM and stops the run at a chunk boundary (exit 5).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:InitialRAMPercentage=50", "-XX:TieredStopAtLevel=1", \
    "-XX:+ExitOnOutOfMemoryError", "-Dcardsweep.home=/app/.cardsweep", \
    "org.springframework.boot.loader.launch.JarLauncher"]
CMD ["--help"]
