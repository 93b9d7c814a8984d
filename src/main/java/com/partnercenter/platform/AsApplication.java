package com.partnercenter.platform;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs engine calls as the application itself, after the caller checked what the signed-in user may do: the
 * user's authentication is lifted for the call and restored afterwards. Starts name their partner in
 * {@link PartnerTenantIdProvider#TENANT_VARIABLE}.
 */
public final class AsApplication {

    private AsApplication() {}

    public static <T> T run(IdentityService identity, Supplier<T> action) {
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return action.get();
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }
}
