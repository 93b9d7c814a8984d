package com.partnercenter.tasklist;

import com.partnercenter.partner.FlowStartPermissions;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.ProgramAuthorizationsChanged;
import com.partnercenter.security.AccountChanged;
import com.partnercenter.security.Groups;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tasklist offers a partner user only the flows it may start: each partner user holds READ and CREATE_INSTANCE on
 * exactly the process definitions {@link FlowStartPermissions} allows it (user authorizations; Tasklist's start list
 * shows the definitions with CREATE_INSTANCE), kept in step when the user is added or changed ({@link AccountChanged})
 * and when operators change its partner's program authorizations ({@link ProgramAuthorizationsChanged}). At a start
 * whose flows require something else than at the last sync (a new model), everyone is synced again, and the group
 * grant of earlier versions (every partner user could start every flow) is removed.
 */
@Component
public class TasklistStartAuthorizations {

    static final String SYNCED_PROPERTY = "partnercenter.start-authorizations";
    private static final Logger log = LoggerFactory.getLogger(TasklistStartAuthorizations.class);

    private final FlowStartPermissions permissions;
    private final PartnerRepository partners;
    private final AuthorizationService authorizations;
    private final ManagementService management;
    private final TransactionTemplate tx;

    public TasklistStartAuthorizations(FlowStartPermissions permissions, PartnerRepository partners,
            AuthorizationService authorizations, ManagementService management, TransactionTemplate tx) {
        this.permissions = permissions;
        this.partners = partners;
        this.authorizations = authorizations;
        this.management = management;
        this.tx = tx;
    }

    @EventListener(ContextRefreshedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE + 15)
    public void atStart() {
        tx.executeWithoutResult(status -> {
            List<String> flows = permissions.partnerFlows();
            String fingerprint = sha256(flows.stream().map(key -> key + "=" + permissions.requirements(key)
                    .orElseThrow()).collect(Collectors.joining(";")));
            if (fingerprint.equals(management.getProperties().get(SYNCED_PROPERTY))) {
                return;
            }
            for (String key : flows) {
                for (Authorization legacy : authorizations.createAuthorizationQuery()
                        .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(Groups.PARTNERS)
                        .resourceType(Resources.PROCESS_DEFINITION).resourceId(key).list()) {
                    authorizations.deleteAuthorization(legacy.getId());
                }
            }
            int users = 0;
            for (var partner : partners.findAll()) {
                for (var user : partners.findUsers(partner.id())) {
                    sync(user.userId(), flows);
                    users++;
                }
            }
            management.setProperty(SYNCED_PROPERTY, fingerprint);
            log.info("Start authorizations of {} partner user(s) set for {} flow(s)", users, flows.size());
        });
    }

    @EventListener
    public void accountChanged(AccountChanged event) {
        if (partners.findUserByUserId(event.userId()).isPresent()) {
            sync(event.userId(), permissions.partnerFlows());
        }
    }

    @EventListener
    public void programAuthorizationsChanged(ProgramAuthorizationsChanged event) {
        List<String> flows = permissions.partnerFlows();
        partners.findUsers(event.partnerId()).forEach(user -> sync(user.userId(), flows));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Grants the user exactly the flows it may start, and takes the others away. */
    void sync(String userId, List<String> flows) {
        for (String key : flows) {
            Authorization existing = authorizations.createAuthorizationQuery()
                    .authorizationType(Authorization.AUTH_TYPE_GRANT).userIdIn(userId)
                    .resourceType(Resources.PROCESS_DEFINITION).resourceId(key).singleResult();
            boolean allowed = permissions.decide(userId, key).allowed();
            if (allowed && existing == null) {
                Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                grant.setUserId(userId);
                grant.setResource(Resources.PROCESS_DEFINITION);
                grant.setResourceId(key);
                grant.addPermission(Permissions.READ);
                grant.addPermission(ProcessDefinitionPermissions.CREATE_INSTANCE);
                authorizations.saveAuthorization(grant);
            } else if (!allowed && existing != null) {
                authorizations.deleteAuthorization(existing.getId());
            }
        }
    }
}
