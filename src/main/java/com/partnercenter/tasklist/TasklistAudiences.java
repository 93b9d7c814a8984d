package com.partnercenter.tasklist;

import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.Language;
import com.partnercenter.security.AccountChanged;
import com.partnercenter.security.IdentityAdmin;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The Tasklist audience of each person, by language: partner users are in {@code partnersen} or {@code partnersfr},
 * customer administrators in {@code customersen} or {@code customersfr} (their customer's language); the filters of
 * {@link TasklistFilters} are readable by these groups. Kept in step with every {@link AccountChanged}, and for
 * every person once when the groups are first created (an installation from before they existed).
 */
@Component
public class TasklistAudiences {

    private final IdentityAdmin identity;
    private final PartnerRepository partners;
    private final CustomerRepository customers;

    public TasklistAudiences(IdentityAdmin identity, PartnerRepository partners, CustomerRepository customers) {
        this.identity = identity;
        this.partners = partners;
        this.customers = customers;
    }

    /** Group id of an audience in a language, e.g. {@code partnersfr}. */
    public static String group(TasklistFilters.Audience audience, Language language) {
        return audience.name().toLowerCase(Locale.ROOT) + language.code();
    }

    /** Creates the groups; true when they did not exist yet (every person's membership must then be set). */
    boolean ensureGroups() {
        boolean created = !identity.groupExists(group(TasklistFilters.Audience.PARTNERS, Language.EN));
        for (TasklistFilters.Audience audience : TasklistFilters.Audience.values()) {
            for (Language language : Language.values()) {
                identity.ensureGroup(group(audience, language), (audience == TasklistFilters.Audience.PARTNERS
                        ? "Partner users" : "Customer admins") + ", Tasklist in " + language.locale()
                        .getDisplayLanguage(Locale.ENGLISH), "WORKFLOW");
            }
        }
        return created;
    }

    @EventListener
    public void accountChanged(AccountChanged event) {
        assign(event.userId());
    }

    /** Puts the person in the audience group of its language (and out of the other ones); others are left alone. */
    public void assign(String userId) {
        var partnerUser = partners.findUserByUserId(userId);
        if (partnerUser.isPresent()) {
            join(userId, TasklistFilters.Audience.PARTNERS, Language.orDefault(partnerUser.get().language(), Language.EN));
            return;
        }
        var admin = customers.findAdminByUserId(userId).filter(a -> a.globalAdmin());
        if (admin.isPresent() && identity.userExists(userId)) {
            String language = customers.findById(admin.get().customerId()).map(c -> c.language()).orElse("en");
            join(userId, TasklistFilters.Audience.CUSTOMERS, Language.orDefault(language, Language.EN));
        }
    }

    /** Every partner user and every customer administrator with an account. */
    void assignEveryone() {
        partners.findAll().forEach(p -> partners.findUsers(p.id()).forEach(u -> assign(u.userId())));
        customers.findAdminUserIds().forEach(this::assign);
    }

    private void join(String userId, TasklistFilters.Audience audience, Language language) {
        for (TasklistFilters.Audience a : TasklistFilters.Audience.values()) {
            for (Language l : Language.values()) {
                if (a == audience && l == language) {
                    identity.ensureMembership(userId, group(a, l));
                } else {
                    identity.removeMembership(userId, group(a, l));
                }
            }
        }
    }
}
