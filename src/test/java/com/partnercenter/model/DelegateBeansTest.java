package com.partnercenter.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Every delegate a model names is a bean of the application, every called process is deployed. */
@IntegrationTest
class DelegateBeansTest {

    private static final Pattern DELEGATE = Pattern.compile("delegateExpression=\"\\$\\{(\\w+)}\"");
    private static final Pattern CALLED = Pattern.compile("calledElement=\"([\\w-]+)\"");

    @Autowired ApplicationContext context;
    @Autowired RepositoryService repository;

    @Test
    void delegatesAndCalledProcessesExist() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            models = files.filter(p -> p.toString().endsWith(".bpmn")).toList();
        }
        int delegates = 0;
        for (Path model : models) {
            String xml = Files.readString(model);
            Matcher m = DELEGATE.matcher(xml);
            while (m.find()) {
                assertThat(context.containsBean(m.group(1))).as(model + ": bean " + m.group(1)).isTrue();
                delegates++;
            }
            Matcher c = CALLED.matcher(xml);
            while (c.find()) {
                assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(c.group(1)).count())
                        .as(model + ": called process " + c.group(1)).isPositive();
            }
        }
        assertThat(delegates).isGreaterThan(20);
    }
}
