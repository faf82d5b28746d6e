package io.cardsweep.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests in k8s/ are what Kubernetes and the CLI accept: each object parses into the Kubernetes model, and each
 * CronJob's and Job's container runs a command line the real parser ({@link RunCommand#parse}) takes, naming a job
 * definition that is in jobs/ and in the ConfigMap Kustomize generates from it.
 */
class K8sManifestTests {

    private static final Path K8S = Path.of("k8s");
    private static final Path JOBS = Path.of("jobs");
    private static final Map<String, Class<?>> MODEL = Map.of("CronJob", CronJob.class, "Job", Job.class, "ConfigMap", ConfigMap.class,
            "Secret", Secret.class, "PersistentVolumeClaim", PersistentVolumeClaim.class, "Namespace", Namespace.class);

    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path inputVolume;

    @Test
    void everyYamlFileParsesAndEveryObjectIsAKubernetesObject() throws IOException {
        List<Path> files = yamlFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : files) {
            for (Object document : documents(file)) {
                assertThat(document).as(file.toString()).isInstanceOf(Map.class);
                String kind = String.valueOf(((Map<?, ?>) document).get("kind"));
                if (kind.equals("Kustomization")) {
                    continue;
                }
                assertThat(MODEL).as(file + ": kind " + kind).containsKey(kind);
                assertThat(mapper.convertValue(document, MODEL.get(kind))).as(file.toString()).isNotNull();
            }
        }
    }

    @Test
    void kustomizationsNameFilesThatExist() throws IOException {
        for (Path file : yamlFiles()) {
            Map<?, ?> document = (Map<?, ?>) documents(file).get(0);
            if ("Kustomization".equals(document.get("kind")) && document.get("resources") != null) {
                for (Object resource : (List<?>) document.get("resources")) {
                    assertThat(file.resolveSibling(String.valueOf(resource))).as(file + " names " + resource).exists();
                }
            }
        }
    }

    @Test
    void everyContainerRunsACommandLineTheCliAccepts() throws IOException {
        List<String> generated = generatedJobDefinitions();
        int checked = 0;
        for (Workload workload : workloads()) {
            PodSpec pod = workload.job().getTemplate().getSpec();
            for (Container container : pod.getContainers()) {
                for (List<String> args : expanded(workload, container.getArgs())) {
                    // given: the command the CLI dispatches on (Cli.run), then what that command's parser takes
                    assertThat(args.get(0)).as(workload.name()).isIn("run", "reconcile");
                    List<String> local = local(args.subList(1, args.size()), pod, container, generated);

                    // when
                    List<String> properties = args.get(0).equals("run") ? RunCommand.parse(local).propertyArgs()
                            : ReconcileCommand.parse(local).propertyArgs();

                    // then
                    assertThat(properties).as(workload.name()).contains("--spring.profiles.active=prod");
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(2 + 4 + 1); // two CronJobs, four shards, the one-off command
    }

    @Test
    void podsRunAsNonRootWithoutRestartAndStopWithinTheirGracePeriod() throws IOException {
        for (Workload workload : workloads()) {
            PodSpec pod = workload.job().getTemplate().getSpec();
            assertThat(pod.getRestartPolicy()).as(workload.name()).isEqualTo("Never");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(workload.name()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(workload.name()).isPositive();
            assertThat(pod.getTerminationGracePeriodSeconds()).as(workload.name()).isGreaterThan(Cli.STOP_GRACE.toSeconds());
            assertThat(pod.getContainers()).allSatisfy(container -> {
                assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).containsKey("memory");
            });
            JobSpec job = workload.job();
            assertThat(job.getActiveDeadlineSeconds()).as(workload.name()).isNotNull();
            assertThat(job.getTtlSecondsAfterFinished()).as(workload.name()).isNotNull();
        }
    }

    @Test
    void failurePolicyIgnoresDisruptionsAndNeverRetriesWhatARetryCannotFix() throws IOException {
        for (Workload workload : workloads()) {
            List<PodFailurePolicyRule> rules = workload.job().getPodFailurePolicy().getRules();
            assertThat(rules.get(0).getAction()).isEqualTo("Ignore");
            assertThat(rules.get(0).getOnPodConditions()).anySatisfy(condition -> assertThat(condition.getType()).isEqualTo("DisruptionTarget"));
            String noRetry = workload.job().getCompletionMode() != null ? "FailIndex" : "FailJob";
            assertThat(actionFor(rules, ExitCodes.USAGE)).as(workload.name()).isEqualTo(noRetry);
            assertThat(actionFor(rules, ExitCodes.NEEDS_ATTENTION)).as(workload.name()).isEqualTo(noRetry);
            assertThat(actionFor(rules, ExitCodes.ALREADY_RUNNING)).as(workload.name()).isEqualTo(noRetry);
            assertThat(actionFor(rules, ExitCodes.FAILED)).as(workload.name()).isEqualTo("Count");
            assertThat(actionFor(rules, ExitCodes.STOPPED)).as(workload.name()).isEqualTo("Count");
        }
    }

    @Test
    void runDateTimeZoneIsTheScheduleTimeZone() throws IOException {
        for (Path file : yamlFiles()) {
            for (Object document : documents(file)) {
                if ("CronJob".equals(((Map<?, ?>) document).get("kind"))) {
                    CronJob cronJob = mapper.convertValue(document, CronJob.class);
                    assertThat(cronJob.getSpec().getTimeZone()).as(file.toString()).isNotBlank();
                    assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers())
                            .allSatisfy(container -> assertThat(container.getEnv()).as(file.toString())
                                    .contains(new EnvVar("CARDSWEEP_JOB_TIMEZONE", cronJob.getSpec().getTimeZone(), null)));
                }
            }
        }
    }

    @Test
    void everyJobDefinitionIsInTheConfigMap() throws IOException {
        try (Stream<Path> definitions = Files.list(JOBS)) {
            assertThat(generatedJobDefinitions()).containsExactlyInAnyOrderElementsOf(
                    definitions.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yml")).toList());
        }
    }

    private record Workload(String name, JobSpec job) {
    }

    private List<Workload> workloads() throws IOException {
        List<Workload> workloads = new ArrayList<>();
        for (Path file : yamlFiles()) {
            for (Object document : documents(file)) {
                Object kind = ((Map<?, ?>) document).get("kind");
                if ("CronJob".equals(kind) && !isPatch(file)) {
                    workloads.add(new Workload(file.toString(), mapper.convertValue(document, CronJob.class).getSpec().getJobTemplate().getSpec()));
                }
                else if ("Job".equals(kind)) {
                    workloads.add(new Workload(file.toString(), mapper.convertValue(document, Job.class).getSpec()));
                }
            }
        }
        assertThat(workloads).hasSize(4);
        return workloads;
    }

    /** An Indexed Job's arguments once for each index, as Kubernetes expands {@code $(JOB_COMPLETION_INDEX)}. */
    private static List<List<String>> expanded(Workload workload, List<String> args) {
        if (!"Indexed".equals(workload.job().getCompletionMode())) {
            assertThat(String.join(" ", args)).doesNotContain("$(");
            return List.of(args);
        }
        assertThat(workload.job().getBackoffLimitPerIndex()).as(workload.name()).isNotNull();
        int completions = workload.job().getCompletions();
        List<List<String>> each = new ArrayList<>();
        for (int index = 0; index < completions; index++) {
            String value = String.valueOf(index);
            List<String> shard = args.stream().map(arg -> arg.replace("$(JOB_COMPLETION_INDEX)", value)).toList();
            assertThat(shard).as(workload.name()).contains(index + "/" + completions);
            each.add(shard);
        }
        return each;
    }

    /**
     * The arguments with the container's paths made local: the job-definition ConfigMap's mount is jobs/ (the file
     * must be one Kustomize puts in it), a volume's input file is an empty file in a temporary folder.
     */
    private List<String> local(List<String> args, PodSpec pod, Container container, List<String> generated) throws IOException {
        List<String> local = new ArrayList<>();
        for (String arg : args) {
            VolumeMount mount = container.getVolumeMounts().stream().filter(m -> arg.startsWith(m.getMountPath() + "/")).findFirst().orElse(null);
            if (mount == null) {
                local.add(arg);
                continue;
            }
            String file = arg.substring(mount.getMountPath().length() + 1);
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            if (volume.getConfigMap() != null) {
                assertThat(volume.getConfigMap().getName()).isEqualTo("cardsweep-jobs");
                assertThat(generated).as("the ConfigMap's files").contains(file);
                local.add(JOBS.resolve(file).toString());
            }
            else {
                assertThat(mount.getReadOnly()).as(arg).isTrue();
                local.add(Files.writeString(inputVolume.resolve(file), "").toString());
            }
        }
        return local;
    }

    private static String actionFor(List<PodFailurePolicyRule> rules, int exitCode) {
        return rules.stream()
                .filter(rule -> rule.getOnExitCodes() != null && rule.getOnExitCodes().getOperator().equals("In")
                        && rule.getOnExitCodes().getValues().contains(exitCode))
                .map(PodFailurePolicyRule::getAction).findFirst().orElse("Count (default)");
    }

    private List<String> generatedJobDefinitions() throws IOException {
        Map<?, ?> kustomization = (Map<?, ?>) documents(JOBS.resolve("kustomization.yaml")).get(0);
        Map<?, ?> generator = (Map<?, ?>) ((List<?>) kustomization.get("configMapGenerator")).get(0);
        assertThat(generator.get("name")).isEqualTo("cardsweep-jobs");
        return ((List<?>) generator.get("files")).stream().map(String::valueOf).toList();
    }

    private static boolean isPatch(Path file) throws IOException {
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            return siblings.filter(sibling -> sibling.getFileName().toString().startsWith("kustomization."))
                    .anyMatch(kustomization -> {
                        try {
                            return Files.readString(kustomization).contains("path: " + file.getFileName());
                        }
                        catch (IOException ex) {
                            throw new IllegalStateException(ex);
                        }
                    });
        }
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            List<Path> yaml = new ArrayList<>(files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml")).sorted().toList());
            yaml.add(JOBS.resolve("kustomization.yaml"));
            return yaml;
        }
    }

    private static List<Object> documents(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Object> documents = new ArrayList<>();
            new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader).forEach(documents::add);
            return documents;
        }
    }
}
