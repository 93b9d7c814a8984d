package com.partnercenter.delegation;

import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.customer.CustomerPagesSignIn;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.HumanText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customer admin's page of delegated administration ({@code /customer/delegated-admin}, signed in to
 * Tasklist): the partners that administer the customer, with their role and end date, and a button to end a
 * relationship early ({@link DelegatedAdminService#end}, side CUSTOMER).
 */
@Controller
public class CustomerDelegatedAdminController {

    /** An active relationship as the page shows it. */
    public record Row(Relationship relationship, Partner partner) {}

    private final RelationshipRepository relationships;
    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final DelegatedAdminService service;

    public CustomerDelegatedAdminController(RelationshipRepository relationships, PartnerRepository partners,
            CustomerRepository customers, DelegatedAdminService service) {
        this.relationships = relationships;
        this.partners = partners;
        this.customers = customers;
        this.service = service;
    }

    @GetMapping("/customer/delegated-admin")
    public String page(@RequestParam(required = false) String done, HttpServletRequest request, Model model) {
        CustomerAdmin admin = (CustomerAdmin) request.getAttribute(CustomerPagesSignIn.ADMIN_ATTRIBUTE);
        List<Row> rows = relationships.findActiveOfCustomer(admin.customerId()).stream()
                .map(r -> new Row(r, partners.findById(r.partnerId()).orElseThrow())).toList();
        model.addAttribute("customer", customers.findById(admin.customerId()).orElseThrow());
        model.addAttribute("rows", rows);
        model.addAttribute("csrfToken", request.getAttribute(CustomerPagesSignIn.CSRF_ATTRIBUTE));
        model.addAttribute("done", "ended".equals(done));
        model.addAttribute("error", null);
        return "customer/delegated-admin";
    }

    @PostMapping("/customer/delegated-admin/{relationshipId}/end")
    public String end(@PathVariable long relationshipId, @RequestParam(required = false) String comment,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        CustomerAdmin admin = (CustomerAdmin) request.getAttribute(CustomerPagesSignIn.ADMIN_ATTRIBUTE);
        Relationship relationship = relationships.findById(relationshipId)
                .filter(r -> r.status() == Relationship.Status.ACTIVE).orElse(null);
        DelegatedAdminService.MayEnd may = relationship == null ? DelegatedAdminService.MayEnd.UNKNOWN
                : service.mayEnd(admin.userId(), relationshipId);
        if (may == DelegatedAdminService.MayEnd.FORBIDDEN) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return page(null, request, model);
        }
        if (may == DelegatedAdminService.MayEnd.UNKNOWN) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return page(null, request, model);
        }
        HumanText.Checked typed = HumanText.check(comment, HumanText.Kind.MESSAGE);
        if (!typed.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            String result = page(null, request, model);
            model.addAttribute("error", typed.messageKey());
            model.addAttribute("errorArguments", typed.arguments());
            return result;
        }
        String c = typed.text();
        service.end(relationshipId, admin.userId(), c.isEmpty() ? null : c);
        return com.partnercenter.platform.PageLocaleResolver.redirect(request, "/customer/delegated-admin?done=ended");
    }
}
