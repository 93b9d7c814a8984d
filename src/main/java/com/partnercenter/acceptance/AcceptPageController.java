package com.partnercenter.acceptance;

import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.link.Link;
import com.partnercenter.link.LinkPages;
import com.partnercenter.link.LinkType;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.Countries;
import com.partnercenter.platform.Language;
import com.partnercenter.ratelimit.ClientAddresses;
import com.partnercenter.ratelimit.RateLimiter;
import com.partnercenter.ratelimit.Throttled;
import com.partnercenter.web.ReturnAfterSignIn;
import com.partnercenter.web.WebappSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Public accept pages, reached through personalized links (no sign-in). Unknown, malformed and
 * tampered links answer 404, links that no longer work 410; neither reveals anything about the offer.
 */
@Controller
public class AcceptPageController {

    private final AcceptanceService acceptances;
    private final PartnerRepository partners;
    private final LinkPages pages;
    private final java.util.List<FlowAcceptance> flows;
    private final RateLimiter limiter;
    private final ClientAddresses clients;
    private final SignedInAcceptance signedInAcceptance;
    private final WebappSession session;
    private final CustomerRepository customers;

    /** Submissions of accept pages per client address (valid or not), before anything is checked. */
    public static final String SUBMIT_LIMIT = "accept-submit";

    public AcceptPageController(AcceptanceService acceptances, PartnerRepository partners, LinkPages pages,
            java.util.List<FlowAcceptance> flows, RateLimiter limiter,
            ClientAddresses clients,
            SignedInAcceptance signedInAcceptance, WebappSession session, CustomerRepository customers) {
        this.limiter = limiter;
        this.clients = clients;
        this.signedInAcceptance = signedInAcceptance;
        this.session = session;
        this.customers = customers;
        this.flows = flows;
        this.acceptances = acceptances;
        this.partners = partners;
        this.pages = pages;
    }

    /** An existing customer's administrator signed in to Tasklist, on the page of a link it may take for itself. */
    public record SignedInCustomer(CustomerAdmin admin, Customer customer, String refusal, String csrfToken) {}

    /**
     * A user of an existing customer who is no administrator of it, signed in (the webapps' welcome page lets any
     * account in), on such a page: it may not take the link for its organization, and it is no new organization.
     */
    public record SignedInUser(CustomerAdmin user, Customer customer) {}

    @GetMapping("/p/{advisorCode}/{token}")
    public String show(@PathVariable String advisorCode, @PathVariable String token, Model model,
            HttpServletRequest request, HttpServletResponse response, Locale locale) {
        LinkPages.Opened opened = pages.open(advisorCode, token, this::acceptable, model, response);
        if (!opened.usable()) {
            return opened.unavailableView();
        }
        model.addAttribute("linkPath", "/p/" + opened.link().advisorCode() + "/" + token);
        Optional<CustomerAdmin> user = customerUser(opened.link(), request);
        Optional<SignedInCustomer> signedIn = user.flatMap(u -> asAdministrator(opened.link(), u, request));
        if (signedIn.isPresent()) {
            ReturnAfterSignIn.clear(request, response);
            model.addAttribute("signedIn", signedIn.get());
        } else {
            user.flatMap(this::asNoAdministrator).ifPresent(u -> model.addAttribute("notAdmin", u));
        }
        AcceptanceForm form = new AcceptanceForm();
        form.setLanguage(locale.getLanguage());
        flow(opened.link()).initialize(opened.link(), form);
        return page(opened.link(), form, model);
    }

    /**
     * "Already a customer? Sign in": the page to come back to is kept in the session, and Tasklist's sign-in
     * opens; once signed in, Tasklist brings the administrator back here ({@link ReturnAfterSignIn}).
     */
    @GetMapping("/p/{advisorCode}/{token}/sign-in")
    public String signIn(@PathVariable String advisorCode, @PathVariable String token,
            @RequestParam(required = false) String lang, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        LinkPages.Opened opened = pages.open(advisorCode, token, this::acceptable, model, response);
        if (!opened.usable()) {
            return opened.unavailableView();
        }
        model.addAttribute("linkPath", "/p/" + opened.link().advisorCode() + "/" + token);
        if (signedInAcceptance.forCustomers(opened.link()).isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "accept/not-found";
        }
        String back = "/p/" + opened.link().advisorCode() + "/" + token
                + (Language.exact(lang).isPresent() ? "?lang=" + lang : "");
        if (session.userId(request).isPresent()) {
            return "redirect:" + back;
        }
        ReturnAfterSignIn.remember(request, response, back);
        return "redirect:" + WebappSession.LOGIN_URL;
    }

    /** The signed-in administrator of an existing customer takes the link for it (a trial, an offer). */
    @PostMapping("/p/{advisorCode}/{token}/as-customer")
    public String acceptAsCustomer(@PathVariable String advisorCode, @PathVariable String token,
            @ModelAttribute("form") AcceptanceForm form, BindingResult errors, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        LinkPages.Opened opened = pages.open(advisorCode, token, this::acceptable, model, response);
        Optional<String> refusedView = submissionRefused(opened, token, model, request, response);
        if (refusedView.isPresent()) {
            return refusedView.get();
        }
        Optional<CustomerAdmin> user = customerUser(opened.link(), request);
        Optional<SignedInCustomer> signedIn = user.flatMap(u -> asAdministrator(opened.link(), u, request));
        if (signedIn.isEmpty()) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            user.flatMap(this::asNoAdministrator).ifPresent(u -> model.addAttribute("notAdmin", u));
            return page(opened.link(), form, model);
        }
        if (!session.csrfAccepted(request, signedIn.get().csrfToken())) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("signedIn", signedIn.get());
            errors.reject("acceptance.signedIn.csrf");
            return page(opened.link(), form, model);
        }
        model.addAttribute("signedIn", signedIn.get());
        SignedInAcceptance.Outcome outcome = signedInAcceptance.accept(opened.link(), signedIn.get().admin(), form);
        if (outcome instanceof SignedInAcceptance.Outcome.Refused refused) {
            errors.rejectValue(refused.field(), refused.messageKey());
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(opened.link(), form, model);
        }
        model.addAttribute("partner", partner(opened.link()));
        model.addAttribute("confirming", ((SignedInAcceptance.Outcome.Accepted) outcome).confirming());
        return "accept/confirmed";
    }

    /**
     * Whether an accept page's submission stops before it is read: the view of a link that no longer works, or of a
     * client over its submissions ({@value #SUBMIT_LIMIT}); else the page's path is put in the model.
     */
    private Optional<String> submissionRefused(LinkPages.Opened opened, String token, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if (!opened.usable()) {
            return Optional.of(opened.unavailableView());
        }
        RateLimiter.Decision decision = limiter.decide(SUBMIT_LIMIT, clients.of(request));
        if (!decision.allowed()) {
            return Optional.of(throttled(opened.link(), decision.retryAfter(), model, response));
        }
        model.addAttribute("linkPath", "/p/" + opened.link().advisorCode() + "/" + token);
        return Optional.empty();
    }

    /** The signed-in user of an existing customer, administrator or not, on a page of a link customers may take. */
    private Optional<CustomerAdmin> customerUser(Link link, HttpServletRequest request) {
        if (signedInAcceptance.forCustomers(link).isEmpty()) {
            return Optional.empty();
        }
        return session.userId(request).flatMap(customers::findUserByUserId);
    }

    private Optional<SignedInCustomer> asAdministrator(Link link, CustomerAdmin user, HttpServletRequest request) {
        return Optional.of(user).filter(CustomerAdmin::globalAdmin)
                .flatMap(admin -> customers.findById(admin.customerId()).map(customer -> new SignedInCustomer(admin,
                        customer, signedInAcceptance.refusal(link, customer).orElse(null),
                        session.csrfToken(request))));
    }

    private Optional<SignedInUser> asNoAdministrator(CustomerAdmin user) {
        return Optional.of(user).filter(u -> !u.globalAdmin())
                .flatMap(u -> customers.findById(u.customerId()).map(c -> new SignedInUser(u, c)));
    }

    @PostMapping("/p/{advisorCode}/{token}")
    public String submit(@PathVariable String advisorCode, @PathVariable String token,
            @ModelAttribute("form") AcceptanceForm form, BindingResult errors, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        LinkPages.Opened opened = pages.open(advisorCode, token, this::acceptable, model, response);
        Optional<String> refusedView = submissionRefused(opened, token, model, request, response);
        if (refusedView.isPresent()) {
            return refusedView.get();
        }
        form.checkText(errors);
        FlowAcceptance flow = flow(opened.link());
        form.validate(errors, flow.asksAdminName(opened.link(), form));
        flow.validate(opened.link(), form, errors);
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(opened.link(), form, model);
        }
        AcceptanceService.Submitted result = flow.submit(opened.link(), form);
        if (result instanceof AcceptanceService.Submitted.Throttled throttled) {
            return throttled(opened.link(), throttled.retryAfter(), model, response);
        }
        if (result instanceof AcceptanceService.Submitted.Refused refused) {
            errors.rejectValue(refused.field(), refused.messageKey());
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(opened.link(), form, model);
        }
        model.addAttribute("partner", partner(opened.link()));
        model.addAttribute("adminEmail", form.getAdminEmail().trim());
        model.addAttribute("mailDelayed",
                result instanceof AcceptanceService.Submitted.AwaitingConfirmation awaiting && awaiting.mailDelayed());
        return "accept/check-email";
    }

    @GetMapping("/p/{advisorCode}/confirm/{token}")
    public String showConfirm(@PathVariable String advisorCode, @PathVariable String token, Model model,
            HttpServletResponse response) {
        LinkPages.Opened opened = openConfirmation(advisorCode, token, model, response);
        return opened.usable() ? "accept/confirm" : opened.unavailableView();
    }

    @PostMapping("/p/{advisorCode}/confirm/{token}")
    public String confirm(@PathVariable String advisorCode, @PathVariable String token, Model model,
            HttpServletResponse response) {
        // told before confirming: the confirmation may close what it is told from (a targeted offer's links)
        LinkPages.Opened opened = openConfirmation(advisorCode, token, model, response);
        if (!opened.usable()) {
            return opened.unavailableView();
        }
        return switch (acceptances.confirm(opened.link())) {
            case CONFIRMED -> "accept/confirmed";
            case ALREADY_USED, NO_LONGER_OPEN -> pages.gone(opened.link(), model, response);
        };
    }

    /** A confirmation link, opened; when it is usable, its partner and what it confirms are in the model. */
    private LinkPages.Opened openConfirmation(String advisorCode, String token, Model model,
            HttpServletResponse response) {
        LinkPages.Opened opened = pages.open(advisorCode, token,
                link -> link.type() == LinkType.EMAIL_CONFIRMATION, model, response);
        if (opened.usable()) {
            model.addAttribute("partner", partner(opened.link()));
            model.addAttribute("confirming", acceptances.confirming(opened.link()));
        }
        return opened;
    }

    /** 429 with the plain page that names the partner, and when to try again. */
    private String throttled(Link link, java.time.Duration retryAfter, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(Throttled.seconds(retryAfter)));
        model.addAttribute("partner", partner(link));
        return "accept/throttled";
    }

    /** Links whose flows have an accept page (a {@link FlowAcceptance}); the others come with their flows. */
    private boolean acceptable(Link link) {
        return flows.stream().anyMatch(f -> f.handles(link));
    }

    /** The flow of a link {@link #acceptable} let through. */
    private FlowAcceptance flow(Link link) {
        return flows.stream().filter(f -> f.handles(link)).findFirst().orElseThrow();
    }

    private String page(Link link, AcceptanceForm form, Model model) {
        model.addAttribute("partner", partner(link));
        model.addAttribute("form", form);
        model.addAttribute("linkType", link.type().name());
        FlowAcceptance flow = flow(link);
        model.addAttribute("offer", OfferedTerms.NOTHING);
        flow.describe(link, model);
        model.addAttribute("countries", Countries.all());
        model.addAttribute("asksAdminName", flow.asksAdminName(link, form));
        model.addAttribute("customersMaySignIn", flow.acceptsExistingCustomers());
        return "accept/offer";
    }

    private Partner partner(Link link) {
        return partners.findById(link.partnerId()).orElseThrow();
    }
}
