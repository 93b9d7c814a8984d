package com.partnercenter.tasklist;

import com.partnercenter.platform.Language;
import com.partnercenter.security.IdentityAdmin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Tasklist's ready filters, in the language of each user: partner users get "My tasks", "My company's tasks" and
 * "Follow-ups due", customer administrators "My tasks" and "Requests to review". Each filter exists once per
 * language (names and descriptions from the pages' bundle, {@code tasklist.filter.*}) and is readable by the
 * audience group of its language ({@link TasklistAudiences}). Kept in step at every start: a filter whose name or
 * description changed, or whose query changed ({@link #VERSION}), is saved again; filters of Partner Center carry
 * the property {@value #MARKER} with their key.
 */
@Component
public class TasklistFilters {

    static final String MARKER = "partnerCenterFilter";
    static final String VERSION_PROPERTY = "partnerCenterFilterVersion";
    /** Raise when a filter's query changes. */
    static final int VERSION = 1;

    /** Whom a filter is for. */
    public enum Audience { PARTNERS, CUSTOMERS }

    /** One filter, before it exists in a language. */
    record Definition(String key, Audience audience, int priority, Supplier<TaskQuery> query) {}

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationService authorizations;
    private final IdentityAdmin identity;
    private final MessageSource messages;

    public TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations,
            IdentityAdmin identity, MessageSource messages) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
        this.identity = identity;
        this.messages = messages;
    }

    List<Definition> definitions() {
        return List.of(
                new Definition("myTasks", Audience.PARTNERS, -30,
                        () -> tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")),
                new Definition("myCompanysTasks", Audience.PARTNERS, -20,
                        () -> tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                                .includeAssignedTasks()),
                new Definition("followUpsDue", Audience.PARTNERS, -10,
                        () -> tasks.createTaskQuery().taskDefinitionKey("Task_FollowUp")
                                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                                .orderByDueDate().asc()),
                new Definition("myTasks", Audience.CUSTOMERS, -30,
                        () -> tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")),
                new Definition("requestsToReview", Audience.CUSTOMERS, -20,
                        () -> tasks.createTaskQuery().taskDefinitionKey("Task_Review")
                                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()));
    }

    /** Creates or updates every filter and its read grant. */
    public void ensureAll() {
        Map<String, Filter> existing = new LinkedHashMap<>();
        for (Filter filter : filters.createTaskFilterQuery().list()) {
            Object marker = filter.getProperties() == null ? null : filter.getProperties().get(MARKER);
            if (marker != null) {
                existing.put(marker.toString(), filter);
            }
        }
        for (Definition definition : definitions()) {
            for (Language language : Language.values()) {
                String id = definition.audience().name().toLowerCase(Locale.ROOT) + "." + definition.key() + "."
                        + language.code();
                Filter filter = existing.get(id);
                String name = text(definition, "name", language);
                Map<String, Object> properties = new LinkedHashMap<>();
                properties.put("description", text(definition, "description", language));
                properties.put("priority", definition.priority());
                properties.put("refresh", true);
                properties.put(MARKER, id);
                // a changed query comes with a new version: the filter is then saved again
                properties.put(VERSION_PROPERTY, VERSION);
                TaskQuery query = definition.query().get();
                if (filter == null) {
                    filter = filters.newTaskFilter(name);
                    filter.setQuery(query).setProperties(properties);
                    filters.saveFilter(filter);
                } else if (!name.equals(filter.getName()) || !properties.equals(filter.getProperties())) {
                    filter.setName(name);
                    filter.setProperties(properties);
                    filter.setQuery(query);
                    filters.saveFilter(filter);
                }
                identity.grantGroup(TasklistAudiences.group(definition.audience(), language), Resources.FILTER,
                        filter.getId(), Permissions.READ);
            }
        }
    }

    /** Deletes the filter "My tasks" of earlier versions (every task, everyone), which these replace. */
    public void removeLegacyFilter() {
        List<Filter> legacy = new ArrayList<>();
        for (Filter filter : filters.createTaskFilterQuery().filterName("My tasks").list()) {
            if (filter.getProperties() == null || !filter.getProperties().containsKey(MARKER)) {
                legacy.add(filter);
            }
        }
        for (Filter filter : legacy) {
            for (Authorization grant : authorizations.createAuthorizationQuery().resourceType(Resources.FILTER)
                    .resourceId(filter.getId()).list()) {
                authorizations.deleteAuthorization(grant.getId());
            }
            filters.deleteFilter(filter.getId());
        }
    }

    private String text(Definition definition, String part, Language language) {
        return messages.getMessage("tasklist.filter." + definition.audience().name().toLowerCase(Locale.ROOT) + "."
                + definition.key() + "." + part, null, language.locale());
    }
}
