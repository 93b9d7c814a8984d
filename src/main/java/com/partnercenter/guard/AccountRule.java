package com.partnercenter.guard;

import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.util.Objects;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cmd.CheckPassword;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.springframework.stereotype.Component;

/**
 * A user's own account ({@code [self]} commands): it checks only its own password and changes only its own password;
 * its name and e-mail address belong to the partner pages (or its customer's records), which keep them in step with
 * the application's rows.
 */
@Component
class AccountRule {

    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final Messages messages;

    AccountRule(PartnerRepository partners, CustomerRepository customers, Messages messages) {
        this.partners = partners;
        this.customers = customers;
        this.messages = messages;
    }

    void check(Caller caller, Command<?> command, Language language) {
        if (command instanceof CheckPassword) {
            if (!caller.userId().equals(CommandFields.string(command, "userId"))) {
                throw Refusals.forbidden(messages.text(language, "guard.refused.otherPassword"));
            }
        } else if (command instanceof SaveUserCmd) {
            User user = (User) CommandFields.get(command, "user");
            if (user == null || !caller.userId().equals(user.getId())) {
                throw Refusals.forbidden(messages.text(language, "guard.refused.otherPassword"));
            }
            if (!profileUnchanged(user)) {
                throw Refusals.forbidden(messages.text(language, "guard.refused.profile"));
            }
        } else {
            throw new IllegalStateException(command.getClass().getName() + " is listed as [self] but the guard does "
                    + "not know how to read it");
        }
    }

    /** The name and address are those of the user's row (partner user or customer user). */
    private boolean profileUnchanged(User user) {
        return partners.findUserByUserId(user.getId())
                .map(u -> same(user, u.firstName(), u.lastName(), u.email()))
                .or(() -> customers.findUserByUserId(user.getId())
                        .map(a -> same(user, a.firstName(), a.lastName(), a.email())))
                .orElse(false);
    }

    private static boolean same(User user, String first, String last, String email) {
        return Objects.equals(user.getFirstName(), first) && Objects.equals(user.getLastName(), last)
                && Objects.equals(user.getEmail(), email);
    }
}
