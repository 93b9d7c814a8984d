package com.partnercenter.portal;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerDirectory;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.customermanagement.CustomerManagement;
import com.partnercenter.delegation.CustomerAccess;
import com.partnercenter.delegation.CustomerAccess.Action;
import com.partnercenter.partnerofrecord.PartnerOfRecordService;
import com.partnercenter.partnerofrecord.SubscriptionChange;
import com.partnercenter.platform.HumanText;
import com.partnercenter.platform.PageLocaleResolver;
import com.partnercenter.servicerequest.ServiceRequest;
import com.partnercenter.servicerequest.ServiceRequestRepository;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.web.Paged;
import com.partnercenter.web.Pager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.Errors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Customer management pages: {@code /partner/customers} (a list under 100 customers, a search with paging and
 * sorting from 100 on) and {@code /partner/customers/{id}} (subscriptions with history, license counts, service
 * requests, password resets, delegated administration, audit list). Actions are checked by
 * {@link CustomerManagement}; a customer the partner does not manage answers 404.
 */
@Controller
public class CustomerPagesController {

    /** From this many customers on, the list becomes a search. */
    public static final int SEARCH_FROM = 100;
    static final int PAGE_SIZE = 25;
    private static final Set<String> DONE = Set.of("licenses", "serviceRequest", "serviceRequestStatus",
            "passwordReset", "relationshipEnded");

    /** A subscription as the customer page shows it. */
    public record SubscriptionView(Subscription subscription, String skuName, int minLicenses, int maxLicenses,
            List<SubscriptionChange> history) {
        public boolean trial() {
            return subscription.status() == Subscription.Status.TRIAL;
        }
    }

    private final CustomerDirectory directory;
    private final CustomerManagement management;
    private final CustomerAccess access;
    private final CustomerRepository customers;
    private final com.partnercenter.subscription.SubscriptionRepository subscriptions;
    private final CatalogueRepository catalogue;
    private final PartnerOfRecordService partnerOfRecord;
    private final ServiceRequestRepository serviceRequests;
    private final AuditLog audit;
    private final PortalPages pages;
    private final org.springframework.context.MessageSource messages;
    private final ActivityView activity;

    public CustomerPagesController(org.springframework.context.MessageSource messages, ActivityView activity,
            CustomerDirectory directory, CustomerManagement management, CustomerAccess access,
            CustomerRepository customers, com.partnercenter.subscription.SubscriptionRepository subscriptions,
            CatalogueRepository catalogue, PartnerOfRecordService partnerOfRecord,
            ServiceRequestRepository serviceRequests, AuditLog audit, PortalPages pages) {
        this.directory = directory;
        this.management = management;
        this.access = access;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.catalogue = catalogue;
        this.partnerOfRecord = partnerOfRecord;
        this.serviceRequests = serviceRequests;
        this.audit = audit;
        this.pages = pages;
        this.messages = messages;
        this.activity = activity;
    }

    @GetMapping("/partner/customers")
    public String list(@RequestParam(required = false) String q, @RequestParam(required = false) String sku,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
            @RequestParam(defaultValue = "0") String page, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        PortalUser me = PortalPages.me(request);
        if (!CustomerAccess.open(me.partner())) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("messageKey", "customers.notAuthorized");
            return "partner/problem";
        }
        long managed = directory.count(me.partner());
        boolean search = managed >= SEARCH_FROM;
        HumanText.Checked typed = HumanText.check(search ? q : null, HumanText.Kind.LINE);
        if (!typed.ok()) {
            // the text rule: the search is not run, the page says why (400)
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("qError", typed.message(messages, org.springframework.context.i18n.LocaleContextHolder
                    .getLocale()));
            q = "";
        } else {
            q = typed.text();
        }
        CustomerDirectory.Sort order = CustomerDirectory.Sort.parse(sort);
        boolean descending = "desc".equalsIgnoreCase(dir);
        int pageNumber = Paged.number(page, CustomerDirectory.COUNT_CAP / PAGE_SIZE);
        CustomerDirectory.Query query = search
                ? new CustomerDirectory.Query(q, sku, order, descending, pageNumber, PAGE_SIZE)
                : new CustomerDirectory.Query("", null, order, descending, 0, SEARCH_FROM);
        model.addAttribute("search", search);
        model.addAttribute("managed", managed);
        Paged<CustomerDirectory.Row> result = directory.search(me.partner(), query);
        model.addAttribute("result", result);
        model.addAttribute("pager", Pager.of(result, request, org.springframework.context.i18n.LocaleContextHolder
                .getLocale()));
        model.addAttribute("q", search && q != null ? q : "");
        model.addAttribute("sku", search && sku != null ? sku : "");
        model.addAttribute("sort", order.name().toLowerCase());
        model.addAttribute("dir", descending ? "desc" : "asc");
        model.addAttribute("skus", catalogue.findAll());
        return "partner/customers";
    }

    @GetMapping("/partner/customers/{customerId}")
    public String customer(@PathVariable long customerId, @RequestParam(required = false) String done,
            HttpServletRequest request, Model model) {
        model.addAttribute("done", done != null && DONE.contains(done) ? done : null);
        return page(customerId, request, model, Map.of(), Map.of());
    }

    @PostMapping("/partner/customers/{customerId}/subscriptions/{subscriptionId}/licenses")
    public String changeLicenses(@PathVariable long customerId, @PathVariable long subscriptionId,
            @RequestParam(required = false) String licenses, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        PortalUser me = PortalPages.me(request);
        Errors errors = PortalPages.errors("licenses");
        management.changeLicenses(me.user(), me.partner(), customerId, subscriptionId, licenses, errors);
        return after(customerId, "licenses", errors, Map.of("subscriptionId", subscriptionId,
                "licenses", licenses == null ? "" : licenses), request, response, model);
    }

    @PostMapping("/partner/customers/{customerId}/service-requests")
    public String openServiceRequest(@PathVariable long customerId, @RequestParam(required = false) String subject,
            @RequestParam(required = false) String description, @RequestParam(required = false) String severity,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        PortalUser me = PortalPages.me(request);
        Errors errors = PortalPages.errors("serviceRequest");
        management.openServiceRequest(me.user(), me.partner(), customerId, subject, description, severity, errors);
        return after(customerId, "serviceRequest", errors, Map.of("subject", subject == null ? "" : subject,
                "description", description == null ? "" : description, "severity", severity == null ? "" : severity),
                request, response, model);
    }

    @PostMapping("/partner/customers/{customerId}/service-requests/{requestId}/status")
    public String serviceRequestStatus(@PathVariable long customerId, @PathVariable long requestId,
            @RequestParam(required = false) String status, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        PortalUser me = PortalPages.me(request);
        Errors errors = PortalPages.errors("serviceRequestStatus");
        management.changeServiceRequestStatus(me.user(), me.partner(), customerId, requestId, status, errors);
        return after(customerId, "serviceRequestStatus", errors, Map.of(), request, response, model);
    }

    @PostMapping("/partner/customers/{customerId}/users/{customerUserId}/password-reset")
    public String resetPassword(@PathVariable long customerId, @PathVariable long customerUserId,
            HttpServletRequest request) {
        PortalUser me = PortalPages.me(request);
        management.resetPassword(me.user(), me.partner(), customerId, customerUserId);
        return PageLocaleResolver.redirect(request, "/partner/customers/" + customerId + "?done=passwordReset");
    }

    @PostMapping("/partner/customers/{customerId}/end-relationship")
    public String endRelationship(@PathVariable long customerId, @RequestParam(required = false) String comment,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        PortalUser me = PortalPages.me(request);
        Errors errors = PortalPages.errors("relationship");
        management.endRelationship(me.user(), me.partner(), customerId, comment, errors);
        return after(customerId, "relationshipEnded", errors, Map.of("comment", comment == null ? "" : comment),
                request, response, model);
    }

    /** Success: back to the customer page (post/redirect/get); bad input: the page again, with the errors (400). */
    private String after(long customerId, String done, Errors errors, Map<String, Object> values,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!errors.hasErrors()) {
            return PageLocaleResolver.redirect(request, "/partner/customers/" + customerId + "?done=" + done);
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("failedForm", done);
        return page(customerId, request, model, pages.sentences(errors), values);
    }

    private String page(long customerId, HttpServletRequest request, Model model, Map<String, String> errors,
            Map<String, Object> values) {
        PortalUser me = PortalPages.me(request);
        Customer customer = management.managed(me.partner(), customerId);
        var role = access.roleOn(me.user(), me.partner(), customerId);
        List<SubscriptionView> views = subscriptions.findByCustomer(customerId).stream().map(s -> {
            Sku sku = catalogue.find(s.skuCode()).orElse(null);
            return new SubscriptionView(s, sku == null ? s.skuCode() : sku.name(), sku == null ? 1 : sku.minLicenses(),
                    sku == null ? 1 : sku.maxLicenses(), partnerOfRecord.history(s.id()));
        }).toList();
        model.addAttribute("customer", customer);
        model.addAttribute("role", role.map(Enum::name).orElse("NONE"));
        // one role answer for the whole page (each may(...) would look it up again)
        boolean mayManage = CustomerAccess.allows(role, Action.MANAGE_SUBSCRIPTIONS);
        model.addAttribute("mayManage", mayManage);
        model.addAttribute("mayResetUsers", CustomerAccess.allows(role, Action.RESET_USER_PASSWORD));
        model.addAttribute("mayResetAdmins", CustomerAccess.allows(role, Action.RESET_ADMIN_PASSWORD));
        model.addAttribute("subscriptions", views);
        model.addAttribute("users", customers.findUsers(customerId));
        model.addAttribute("serviceRequests", serviceRequests.findOf(customerId, me.partner().id()));
        model.addAttribute("severities", ServiceRequest.Severity.values());
        model.addAttribute("statuses", ServiceRequest.Status.values());
        var relationship = management.activeRelationship(me.partner(), customerId);
        model.addAttribute("relationship", relationship.orElse(null));
        model.addAttribute("mayEnd", relationship.isPresent() && management.mayEndRelationship(me.user(),
                relationship.get()));
        model.addAttribute("audit", activity.rows(audit.forCustomer(customerId, me.partner().id(), 50),
                org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        return "partner/customer";
    }
}
