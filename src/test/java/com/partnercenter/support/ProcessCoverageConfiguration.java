package com.partnercenter.support;

import java.lang.reflect.Field;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.camunda.community.process_test_coverage.engine.platform7.ElementCoverageParseListener;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Process test coverage (camunda-process-test-coverage) in the tests' engines. Its listener, attached to every flow
 * node and sequence flow, looks the process definition up through the RepositoryService inside the running
 * command, that is as the user who runs it: a customer admin completing a review may not read the definition
 * (our authorizations), and the lookup would fail the command. The recording therefore runs without
 * authorization checks; what the command itself does is checked as before.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ProcessEngineCoverageConfiguration.class)
public class ProcessCoverageConfiguration {

    @Bean
    AbstractCamundaConfiguration processCoverageWithoutAuthorizationChecks() {
        return new AbstractCamundaConfiguration() {
            @Override
            public void postInit(SpringProcessEngineConfiguration configuration) {
                for (BpmnParseListener listener : configuration.getCustomPostBPMNParseListeners()) {
                    if (listener instanceof ElementCoverageParseListener coverage) {
                        recordWithoutAuthorizationChecks(coverage);
                    }
                }
            }
        };
    }

    private static void recordWithoutAuthorizationChecks(ElementCoverageParseListener coverage) {
        try {
            Field field = ElementCoverageParseListener.class.getDeclaredField("executionListener");
            field.setAccessible(true);
            ExecutionListener record = (ExecutionListener) field.get(coverage);
            field.set(coverage, (ExecutionListener) execution -> {
                CommandContext command = Context.getCommandContext();
                if (command == null || !command.isAuthorizationCheckEnabled()) {
                    record.notify(execution);
                    return;
                }
                command.disableAuthorizationCheck();
                try {
                    record.notify(execution);
                } finally {
                    command.enableAuthorizationCheck();
                }
            });
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("camunda-process-test-coverage changed: its listener field is gone", e);
        }
    }
}
