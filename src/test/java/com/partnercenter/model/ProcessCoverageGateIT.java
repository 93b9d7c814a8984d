package com.partnercenter.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Test;

/**
 * The process test coverage gate. The process and integration tests (surefire) record, through
 * camunda-process-test-coverage, which flow nodes and sequence flows of which model they took
 * ({@code target/process-test-coverage/<test class>/report.json}). This check runs after them (failsafe, phase
 * post-integration-test of {@code mvn verify}) and fails when an element of a model in {@code processes/} was taken
 * by no test, unless it is listed with its reason in {@code src/test/resources/process-coverage-gaps.properties}
 * ({@code <process key>.<element id>=<why no test takes it>}); a listed gap that a test now takes fails too, so
 * the list stays true.
 */
class ProcessCoverageGateIT {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path REPORTS = Path.of("target", "process-test-coverage");
    private static final String GAPS = "/process-coverage-gaps.properties";

    @Test
    void everyElementOfEveryModelIsTakenBySomeTestOrAListedGap() throws IOException {
        Map<String, Set<String>> elements = modelElements();
        Map<String, Set<String>> taken = takenElements();
        Map<String, String> gaps = gaps();

        List<String> problems = new ArrayList<>();
        for (var gap : gaps.entrySet()) {
            String[] keyAndElement = gap.getKey().split("\\.", 2);
            if (keyAndElement.length != 2 || !elements.getOrDefault(keyAndElement[0], Set.of()).contains(keyAndElement[1])) {
                problems.add(gap.getKey() + ": listed as a gap, but no model in processes/ has that element");
            } else if (gap.getValue().isBlank()) {
                problems.add(gap.getKey() + ": listed as a gap without a reason");
            }
        }
        Map<String, String> summary = new TreeMap<>();
        for (var model : elements.entrySet()) {
            String key = model.getKey();
            Set<String> takenHere = taken.getOrDefault(key, Set.of());
            int covered = 0;
            for (String element : model.getValue()) {
                boolean isTaken = takenHere.contains(element);
                boolean isGap = gaps.containsKey(key + "." + element);
                covered += isTaken ? 1 : 0;
                if (!isTaken && !isGap) {
                    problems.add(key + "." + element + ": taken by no test (write one, or list it with the reason in "
                            + "src/test/resources" + GAPS + ")");
                }
                if (isTaken && isGap) {
                    problems.add(key + "." + element + ": listed as a gap but a test takes it now: remove it from the list");
                }
            }
            summary.put(key, covered + "/" + model.getValue().size());
        }
        System.out.println("Process test coverage (flow nodes and sequence flows taken / all): " + summary);
        assertThat(problems).as("process test coverage gate, per model: " + summary).isEmpty();
    }

    /** Flow nodes and sequence flows of every process in processes/, by process key. */
    private static Map<String, Set<String>> modelElements() throws IOException {
        Map<String, Set<String>> elements = new TreeMap<>();
        try (Stream<Path> files = Files.list(PROCESSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                for (Process process : model.getModelElementsByType(Process.class)) {
                    Set<String> ids = new TreeSet<>();
                    collect(process.getFlowElements(), ids);
                    elements.put(process.getId(), ids);
                }
            }
        }
        assertThat(elements).as("models in processes/").isNotEmpty();
        return elements;
    }

    private static void collect(java.util.Collection<FlowElement> flowElements, Set<String> ids) {
        for (FlowElement element : flowElements) {
            if (element instanceof FlowNode || element instanceof SequenceFlow) {
                ids.add(element.getId());
            }
            if (element instanceof org.camunda.bpm.model.bpmn.instance.SubProcess sub) {
                collect(sub.getFlowElements(), ids);
            }
        }
    }

    /** What the tests took, from every test class's coverage report. */
    private static Map<String, Set<String>> takenElements() throws IOException {
        assertThat(REPORTS).as("coverage reports of the process tests (run mvn verify, not failsafe alone)")
                .isDirectory();
        ObjectMapper json = new ObjectMapper();
        Map<String, Set<String>> taken = new HashMap<>();
        int reports = 0;
        try (Stream<Path> files = Files.walk(REPORTS)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("report.json")).toList()) {
                reports++;
                for (JsonNode suite : json.readTree(file.toFile()).path("suites")) {
                    for (JsonNode run : suite.path("runs")) {
                        for (JsonNode event : run.path("events")) {
                            taken.computeIfAbsent(event.path("modelKey").asText(), k -> new TreeSet<>())
                                    .add(event.path("definitionKey").asText());
                        }
                    }
                }
            }
        }
        assertThat(reports).as("coverage reports under " + REPORTS).isPositive();
        return taken;
    }

    private static Map<String, String> gaps() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProcessCoverageGateIT.class.getResourceAsStream(GAPS)) {
            assertThat(in).as(GAPS + " on the test class path").isNotNull();
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, String> gaps = new TreeMap<>();
        properties.forEach((k, v) -> gaps.put(k.toString().strip(), v.toString().strip()));
        return gaps;
    }
}
