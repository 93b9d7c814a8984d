package com.partnercenter.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * With {@code partner-center.security.require-administrator=true} (the {@code prod} profile), a start on an identity
 * store without any administrator (no member of {@code camunda-admin} nor of {@value Groups#OPERATORS}) stops with a
 * message that says what to configure: nobody can create the first administrator through a page
 * ({@code web.WebConfiguration#noWebappSetup}).
 */
@Component
public class FirstAdministratorCheck implements SmartInitializingSingleton {

    static final String CAMUNDA_ADMIN = "camunda-admin";

    private final IdentityService identity;
    private final boolean required;

    public FirstAdministratorCheck(IdentityService identity,
            @Value("${partner-center.security.require-administrator:false}") boolean required) {
        this.identity = identity;
        this.required = required;
    }

    /**
     * Once the engine is built (it has created a configured administrator by then) and before the web server starts:
     * no request is ever served by an installation without an administrator.
     */
    @Override
    public void afterSingletonsInstantiated() {
        if (required && identity.createUserQuery().memberOfGroup(CAMUNDA_ADMIN).count() == 0
                && identity.createUserQuery().memberOfGroup(Groups.OPERATORS).count() == 0) {
            throw new IllegalStateException("No administrator exists and none is configured: set "
                    + "CAMUNDA_BPM_ADMINUSER_ID and CAMUNDA_BPM_ADMINUSER_PASSWORD (camunda.bpm.admin-user.*) for the "
                    + "first start, so that the engine creates it in camunda-admin. Partner Center does not open the "
                    + "webapps' first-run page to the first visitor.");
        }
    }
}
