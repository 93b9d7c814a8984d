package com.partnercenter.security;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.ALL;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.UPDATE_INSTANCE;

import com.partnercenter.platform.PartnerCenterProperties;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.Ordered;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the groups, global authorizations, Tasklist filter and service account every installation
 * needs. Runs at each start and only adds what is missing; it never creates a human user.
 */
@Component
public class IdentityBootstrap {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

    private final IdentityAdmin admin;
    private final FilterService filters;
    private final TaskService tasks;
    private final PartnerCenterProperties properties;

    private final boolean generatedPassword;

    public IdentityBootstrap(IdentityAdmin admin, FilterService filters, TaskService tasks,
            PartnerCenterProperties properties, org.springframework.core.env.Environment environment) {
        this.generatedPassword = environment.getProperty(ServiceAccountPasswordPostProcessor.GENERATED,
                Boolean.class, false);
        this.admin = admin;
        this.filters = filters;
        this.tasks = tasks;
        this.properties = properties;
    }

    /** Runs before the external task client opens its subscriptions (also on ContextRefreshedEvent). */
    @EventListener(ContextRefreshedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void bootstrap() {
        admin.ensureGroup(Groups.PARTNERS, "Partner users", "WORKFLOW");
        admin.ensureGroup(Groups.OPERATORS, "Operators", "SYSTEM");
        admin.ensureGroup(Groups.SERVICES, "Service accounts", "SYSTEM");
        admin.ensureGroup(Groups.CUSTOMERS, "Customer admins", "WORKFLOW");
        admin.ensureGroup(Groups.MONITORING, "Monitoring (metrics and health details)", "SYSTEM");

        // Partner users: Tasklist, start the partner flows, see their tenant's instances (tenant check limits them)
        admin.grantGroup(Groups.PARTNERS, Resources.APPLICATION, "tasklist", ACCESS);
        admin.grantGroup(Groups.PARTNERS, Resources.PROCESS_INSTANCE, "*", CREATE);
        admin.grantGroup(Groups.PARTNERS, Resources.PROCESS_DEFINITION, "*", READ, READ_INSTANCE, READ_HISTORY);
        // which flows each partner user may start: per user, tasklist.TasklistStartAuthorizations
        // Operators: admin group members skip tenant checks, but queries still filter by authorization
        for (Resources resource : Resources.values()) {
            admin.grantGroup(Groups.OPERATORS, resource, "*", ALL);
        }

        // Customer admins: Tasklist only; their tasks are granted one by one (candidate groups)
        admin.grantGroup(Groups.CUSTOMERS, Resources.APPLICATION, "tasklist", ACCESS);

        // Provisioning worker: only what fetching, locking, completing and failing external tasks needs (the
        // engine's fetch checks READ_INSTANCE and UPDATE_INSTANCE on the definition); older installations' ALL grants
        // are narrowed to that
        admin.grantGroupExactly(Groups.SERVICES, Resources.PROCESS_DEFINITION, "*", READ_INSTANCE, UPDATE_INSTANCE);
        admin.revokeGroup(Groups.SERVICES, Resources.PROCESS_INSTANCE, "*");

        // Tasklist's filters: tasklist.TasklistFilters

        String servicePassword = properties.security() == null ? null : properties.security().servicePassword();
        if (servicePassword != null && !servicePassword.isBlank()) {
            if (!admin.ensureUser(Groups.PROVISIONING_USER, "Provisioning", "Worker", null, servicePassword)) {
                admin.setPassword(Groups.PROVISIONING_USER, servicePassword);
            }
            admin.ensureMembership(Groups.PROVISIONING_USER, Groups.SERVICES);
            if (generatedPassword) {
                log.info("Provisioning service account uses a password generated for this start: right for one "
                        + "node; set PROVISIONING_PASSWORD when several nodes or separate workers run");
            }
        } else {
            log.warn("No provisioning service password configured (PROVISIONING_PASSWORD): "
                    + "the service account is not enabled and no worker can fetch provisioning tasks");
        }
    }
}
