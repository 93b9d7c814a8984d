package com.partnercenter.guard;

import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.Language;
import org.springframework.stereotype.Component;

/** The language a user reads the guard's refusals in: a partner user's own, a customer admin's organization's. */
@Component
public class UserLanguages {

    private final PartnerRepository partners;
    private final CustomerRepository customers;

    public UserLanguages(PartnerRepository partners, CustomerRepository customers) {
        this.partners = partners;
        this.customers = customers;
    }

    public Language of(String userId) {
        if (userId == null) {
            return Language.EN;
        }
        return partners.findUserByUserId(userId).map(u -> Language.orDefault(u.language(), Language.EN))
                .or(() -> customers.findUserByUserId(userId)
                        .flatMap(a -> customers.findById(a.customerId()))
                        .map(c -> Language.orDefault(c.language(), Language.EN)))
                .orElse(Language.EN);
    }
}
