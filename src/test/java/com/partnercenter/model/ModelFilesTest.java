package com.partnercenter.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/ and forms/ are deployed as they are and opened unchanged by Camunda Modeler: every BPMN
 * deploys together with the forms, has a history time to live, readable names and full diagram
 * interchange (a gateway that only merges paths may be unnamed); every form reference resolves; forms stay renderable by Tasklist 7.24 (schema ≤ 16).
 */
class ModelFilesTest {

    /** Its own engine configuration: a camunda.cfg.xml on the classpath would hijack ProcessEngines "default". */
    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .configurationResource("model-lint.camunda.cfg.xml").build();

    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = Path.of("forms");

    ProcessEngine processEngine;

    @Test
    void everyProcessAndFormDeploysTogether() throws IOException {
        DeploymentBuilder builder = processEngine.getRepositoryService().createDeployment().name("model-lint");
        for (Path file : files(PROCESSES, ".bpmn")) {
            builder.addInputStream(file.getFileName().toString(), Files.newInputStream(file));
        }
        for (Path file : files(FORMS, ".form")) {
            builder.addInputStream(file.getFileName().toString(), Files.newInputStream(file));
        }
        Deployment deployment = builder.deploy();
        try {
            assertThat(processEngine.getRepositoryService().createProcessDefinitionQuery()
                    .deploymentId(deployment.getId()).count()).isEqualTo(files(PROCESSES, ".bpmn").size());
        } finally {
            processEngine.getRepositoryService().deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void everyProcessIsReadableAndDrawn() throws IOException {
        List<Path> bpmns = files(PROCESSES, ".bpmn");
        assertThat(bpmns).isNotEmpty();
        for (Path file : bpmns) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            String text = Files.readString(file);
            assertThat(text).as(file + " targets Camunda 7.24")
                    .contains("modeler:executionPlatform=\"Camunda Platform\"")
                    .contains("modeler:executionPlatformVersion=\"7.24.0\"");
            for (Process process : model.getModelElementsByType(Process.class)) {
                assertThat(process.getCamundaHistoryTimeToLiveString()).as(file + " historyTimeToLive").isNotBlank();
                assertThat(process.getName()).as(file + " process name").isNotBlank();
            }
            Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                    .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
            Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                    .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
            for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                assertThat(shapes).as(file + ": shape of " + node.getId()).contains(node.getId());
                if (!isMerge(node)) {
                    assertThat(node.getName()).as(file + ": name of " + node.getId()).isNotBlank();
                }
            }
            for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
                assertThat(edges).as(file + ": edge of " + flow.getId()).contains(flow.getId());
            }
            for (BaseElement element : formElements(model)) {
                String ref = element.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
                if (ref != null) {
                    assertThat(element.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRefBinding"))
                            .as(file + ": formRefBinding of " + element.getId()).isNotBlank();
                    assertThat(formIds()).as(file + ": form " + ref + " exists in forms/").contains(ref);
                }
            }
        }
    }

    @Test
    void formsStayWithinTasklistsFormJs() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (Path file : files(FORMS, ".form")) {
            JsonNode form = json.readTree(file.toFile());
            assertThat(form.path("schemaVersion").asInt()).as(file + " schemaVersion").isBetween(1, 16);
            assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
            assertThat(form.path("id").asText()).as(file + " id").isNotBlank();
        }
    }

    /** A gateway that only joins needs no name (bpmnlint's label-required agrees): the paths it merges say it all. */
    private static boolean isMerge(FlowNode node) {
        return node instanceof Gateway && node.getIncoming().size() > 1 && node.getOutgoing().size() == 1;
    }

    private static List<BaseElement> formElements(BpmnModelInstance model) {
        return Stream.concat(model.getModelElementsByType(StartEvent.class).stream(),
                model.getModelElementsByType(UserTask.class).stream()).map(BaseElement.class::cast).toList();
    }

    private static Set<String> formIds() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new java.util.HashSet<>();
        for (Path file : files(FORMS, ".form")) {
            ids.add(json.readTree(file.toFile()).path("id").asText());
        }
        return ids;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
