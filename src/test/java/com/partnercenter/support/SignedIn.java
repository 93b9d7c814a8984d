package com.partnercenter.support;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
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

    public SignedIn(IdentityService identity, RuntimeService runtime) {
        this.identity = identity;
        this.runtime = runtime;
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
}
