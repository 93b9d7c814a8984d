package com.partnercenter.delegation;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.util.Locale;
import java.util.Optional;

/**
 * Delegated administration asked for in an offer (trial invitation, purchase offer): one rule for the flow's start
 * check and its check step.
 */
public final class RequestedRole {

    private RequestedRole() {}

    /**
     * What is wrong with asking for it, if anything: a partner without the Delegated administration authorization,
     * or a level other than Full or Limited ({@code whatKey}: the message key naming what is sent, e.g.
     * {@code request.what.invitation}).
     */
    public static Optional<String> problem(Partner partner, Object include, Object role, String whatKey,
            Messages messages, Language language) {
        if (!Boolean.TRUE.equals(include)) {
            return Optional.empty();
        }
        if (!partner.has(ProgramAuthorization.DELEGATED_ADMIN)) {
            return Optional.of(messages.text(language, "request.delegatedAdmin.notHeld", partner.name(),
                    messages.text(language, whatKey)));
        }
        return role == null ? Optional.empty() : DelegatedAdminRequest.roleProblem(role, messages, language);
    }

    /** FULL or LIMITED (default LIMITED) when {@code include} is true, else null; the request was checked. */
    public static String of(Object include, Object role) {
        if (!Boolean.TRUE.equals(include)) {
            return null;
        }
        return role == null ? AdminRole.LIMITED.name()
                : AdminRole.valueOf(role.toString().trim().toUpperCase(Locale.ROOT)).name();
    }
}
