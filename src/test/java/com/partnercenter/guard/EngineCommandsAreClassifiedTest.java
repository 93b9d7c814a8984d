package com.partnercenter.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;

/**
 * Every command of the engine and of the webapps on the classpath is classified in
 * {@value EngineCommands#RESOURCE}, once, and every class named there still exists: after an engine upgrade this
 * test lists the commands to classify before the guard lets any user run them.
 */
class EngineCommandsAreClassifiedTest {

    @Test
    void everyEngineCommandIsClassifiedOnce() throws Exception {
        Map<String, String> found = commandClasses();
        EngineCommands commands = EngineCommands.load();

        assertThat(found).as("command classes on the classpath").hasSizeGreaterThan(350);
        assertThat(new TreeSet<>(found.keySet())).as("commands missing from %s (from %s)", EngineCommands.RESOURCE,
                found).allSatisfy(name -> assertThat(commands.lists(name)).as(name).isTrue());
        assertThat(new TreeSet<>(commands.all().keySet())).as("classes in %s that are no command (any more)",
                EngineCommands.RESOURCE).allSatisfy(name -> assertThat(found).containsKey(name));
    }

    @Test
    void usersGetOnlyTheCommandsTheirRulesRead() {
        EngineCommands commands = EngineCommands.load();
        Map<EngineCommands.Kind, TreeSet<String>> byKind = new TreeMap<>();
        commands.all().forEach((name, kind) -> byKind.computeIfAbsent(kind, k -> new TreeSet<>())
                .add(name.substring(name.lastIndexOf('.') + 1)));
        assertThat(byKind.get(EngineCommands.Kind.START)).containsExactly("StartProcessInstanceCmd",
                "SubmitStartFormCmd");
        assertThat(byKind.get(EngineCommands.Kind.TASK)).containsExactly("AddCommentCmd", "AssignTaskCmd",
                "ClaimTaskCmd", "CompleteTaskCmd", "SetTaskFollowUpDateCmd", "SubmitTaskFormCmd");
        assertThat(byKind.get(EngineCommands.Kind.SELF)).containsExactly("CheckPassword", "SaveUserCmd");
        assertThat(byKind.get(EngineCommands.Kind.WORKER)).containsExactly("CompleteExternalTaskCmd",
                "ExtendLockOnExternalTaskCmd", "FetchExternalTasksCmd", "HandleExternalTaskBpmnErrorCmd",
                "HandleExternalTaskFailureCmd", "LockExternalTaskCmd");
        assertThat(byKind.get(EngineCommands.Kind.OPERATOR_READ)).contains("JobQueryImpl", "IncidentQueryImpl",
                "GetJobExceptionStacktraceCmd", "TablePageQueryImpl", "NativeTaskQueryImpl")
                .allSatisfy(name -> assertThat(name).doesNotStartWith("Set").doesNotStartWith("Delete"));
        // what a user may never do, whatever the engine's authorizations say
        for (String name : new String[] {"StartProcessInstanceAtActivitiesCmd", "ModifyProcessInstanceCmd",
                "RestartProcessInstancesCmd", "SetExecutionVariablesCmd", "RemoveExecutionVariablesCmd",
                "SetTaskVariablesCmd", "CorrelateMessageCmd", "SignalEventReceivedCmd", "DeleteProcessInstanceCmd",
                "SuspendProcessInstanceCmd", "MigrateProcessInstanceCmd", "SetJobRetriesCmd",
                "SetExternalTaskRetriesCmd", "ResolveTaskCmd", "DelegateTaskCmd", "CreateTaskCmd",
                "HandleTaskBpmnErrorCmd", "AddUserIdentityLinkCmd", "SaveAuthorizationCmd", "CreateMembershipCmd"}) {
            assertThat(byKind.get(EngineCommands.Kind.OPERATOR)).as(name).contains(name);
        }
    }

    /** Non-abstract classes implementing Command in the org.camunda jars, with the jar each comes from. */
    private static Map<String, String> commandClasses() throws Exception {
        var resolver = new PathMatchingResourcePatternResolver();
        var metadata = new CachingMetadataReaderFactory(resolver);
        Map<String, String> found = new TreeMap<>();
        for (Resource resource : resolver.getResources("classpath*:org/camunda/**/*.class")) {
            String name = metadata.getMetadataReader(resource).getClassMetadata().getClassName();
            Class<?> type;
            try {
                type = Class.forName(name, false, EngineCommandsAreClassifiedTest.class.getClassLoader());
            } catch (ReflectiveOperationException | LinkageError optionalDependency) {
                continue;
            }
            if (Command.class.isAssignableFrom(type) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
                found.put(name, resource.getURL().toString().replaceAll(".*/([^/]+\\.jar)!.*", "$1"));
            }
        }
        return found;
    }
}
