package com.partnercenter.support;

import com.partnercenter.guard.CommandRefusedException;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.platform.PartnerTenantIdProvider;
import com.partnercenter.security.Groups;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/** Runs engine calls as a partner user is signed in (groups and tenant as Tasklist and the REST API set them). */
@Component
public class SignedIn {

    private final IdentityService identity;
    private final RuntimeService runtime;
    private final Stored stored;

    public SignedIn(IdentityService identity, RuntimeService runtime, Stored stored) {
        this.identity = identity;
        this.runtime = runtime;
        this.stored = stored;
    }

    public <T> T as(PartnerUser user, Partner partner, Supplier<T> action) {
        identity.setAuthentication(user.userId(), List.of(Groups.PARTNERS, partner.groupId()),
                List.of(partner.tenantId()));
        try {
            return action.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** Starts the process as the partner user would from Tasklist. */
    public ProcessInstance start(PartnerUser user, Partner partner, String processKey, Map<String, Object> variables) {
        return as(user, partner, () -> runtime.startProcessInstanceByKey(processKey, variables));
    }

    /**
     * The partner user's start is refused by the engine command guard, and nothing at all is stored; returns the
     * reason (the refusal's message).
     */
    public String refusedStart(PartnerUser user, Partner partner, String processKey, Map<String, Object> variables) {
        Map<String, Long> before = stored.snapshot();
        try {
            ProcessInstance started = start(user, partner, processKey, variables);
            throw new AssertionError("the start of " + processKey + " by " + user.userId() + " with " + variables
                    + " was not refused: " + started.getId());
        } catch (CommandRefusedException refused) {
            if (!before.equals(stored.snapshot())) {
                throw new AssertionError("a refused start stored something: " + before + " → " + stored.snapshot());
            }
            return refused.getMessage();
        }
    }

    /**
     * Starts the process as the application does for a partner (another flow, a page): no signed-in user, the
     * partner and the user who asked named in the variables. The guard does not check the application; the flow's own
     * check steps do.
     */
    public ProcessInstance startAsApplication(PartnerUser user, Partner partner, String processKey,
            Map<String, Object> variables) {
        Map<String, Object> all = new java.util.HashMap<>(variables);
        all.put(PartnerTenantIdProvider.TENANT_VARIABLE, partner.tenantId());
        all.put("partnerId", partner.id());
        all.put("partnerUserEmail", user.email());
        all.put("partnerUserLanguage", user.language());
        all.put("requestedBy", user.userId());
        return runtime.startProcessInstanceByKey(processKey, all);
    }
}
