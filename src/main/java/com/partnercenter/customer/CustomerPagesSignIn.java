package com.partnercenter.customer;

import com.partnercenter.platform.PageLocaleResolver;
import com.partnercenter.web.SignedInPages;
import com.partnercenter.web.WebappSession;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Sign-in of the customer admins' pages ({@code /customer/**}): for administrators of a customer only (see
 * {@link SignedInPages}); the pages speak the customer's language.
 */
@Component
public class CustomerPagesSignIn extends SignedInPages<CustomerAdmin> {

    public static final String ADMIN_ATTRIBUTE = "customerAdmin";
    public static final String CSRF_ATTRIBUTE = "csrfToken";

    private final CustomerRepository customers;

    public CustomerPagesSignIn(CustomerRepository customers, WebappSession session) {
        super(session, "These pages are for customer administrators");
        this.customers = customers;
    }

    @Override
    protected Optional<CustomerAdmin> find(String userId) {
        return customers.findAdminByUserId(userId);
    }

    @Override
    protected void admit(HttpServletRequest request, CustomerAdmin admin, String csrfToken) {
        request.setAttribute(ADMIN_ATTRIBUTE, admin);
        request.setAttribute(CSRF_ATTRIBUTE, csrfToken);
        customers.findById(admin.customerId())
                .ifPresent(c -> request.setAttribute(PageLocaleResolver.USER_LANGUAGE, c.language()));
    }
}
