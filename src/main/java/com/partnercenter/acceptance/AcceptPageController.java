package com.partnercenter.acceptance;

import com.partnercenter.link.Link;
import com.partnercenter.link.LinkPages;
import com.partnercenter.link.LinkType;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Public accept pages, reached through personalized links (no sign-in). Unknown, malformed and
 * tampered links answer 404, links that no longer work 410; neither reveals anything about the offer.
 */
@Controller
public class AcceptPageController {

    private final AcceptanceService acceptances;
    private final PartnerRepository partners;
    private final LinkPages pages;
    private final OfferDescriptions offers;
    private final java.util.List<FlowAcceptance> flows;
    private final org.springframework.validation.SmartValidator validator;

    public AcceptPageController(AcceptanceService acceptances, PartnerRepository partners, LinkPages pages,
            OfferDescriptions offers, java.util.List<FlowAcceptance> flows,
            org.springframework.validation.SmartValidator validator) {
        this.validator = validator;
        this.offers = offers;
        this.flows = flows;
        this.acceptances = acceptances;
        this.partners = partners;
        this.pages = pages;
    }

    @GetMapping("/p/{advisorCode}/{token}")
    public String show(@PathVariable String advisorCode, @PathVariable String token, Model model,
            HttpServletResponse response, Locale locale) {
        LinkPages.Opened opened = pages.open(advisorCode, token, this::acceptable, model, response);
        if (!opened.usable()) {
            return opened.unavailableView();
        }
        AcceptanceForm form = new AcceptanceForm();
        form.setLanguage(locale.getLanguage());
        flow(opened.link()).ifPresent(f -> f.initialize(opened.link(), form));
        return page(opened.link(), form, model);
    }

    @PostMapping("/p/{advisorCode}/{token}")
    public String submit(@PathVariable String advisorCode, @PathVariable String token,
            @ModelAttribute("form") AcceptanceForm form, BindingResult errors, Model model,
            HttpServletResponse response) {
        LinkPages.Opened opened = pages.open(advisorCode, token, this::acceptable, model, response);
        if (!opened.usable()) {
            return opened.unavailableView();
        }
        var flow = flow(opened.link());
        boolean asksName = flow.map(f -> f.asksAdminName(opened.link(), form)).orElse(true);
        validator.validate(form, errors, asksName
                ? new Object[] {jakarta.validation.groups.Default.class, AcceptanceForm.NewAdmin.class}
                : new Object[] {jakarta.validation.groups.Default.class});
        flow.ifPresent(f -> f.validate(opened.link(), form, errors));
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(opened.link(), form, model);
        }
        AcceptanceService.Submitted result = flow.isPresent() ? flow.get().submit(opened.link(), form)
                : acceptances.submit(opened.link(), form);
        if (result instanceof AcceptanceService.Submitted.Throttled) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("partner", partner(opened.link()));
            return "accept/throttled";
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
        LinkPages.Opened opened = pages.open(advisorCode, token,
                link -> link.type() == LinkType.EMAIL_CONFIRMATION, model, response);
        if (!opened.usable()) {
            return opened.unavailableView();
        }
        model.addAttribute("partner", partner(opened.link()));
        model.addAttribute("confirming", acceptances.confirming(opened.link()));
        return "accept/confirm";
    }

    @PostMapping("/p/{advisorCode}/confirm/{token}")
    public String confirm(@PathVariable String advisorCode, @PathVariable String token, Model model,
            HttpServletResponse response) {
        LinkPages.Opened opened = pages.open(advisorCode, token,
                link -> link.type() == LinkType.EMAIL_CONFIRMATION, model, response);
        if (!opened.usable()) {
            return opened.unavailableView();
        }
        model.addAttribute("partner", partner(opened.link()));
        // told before confirming: the confirmation may close what it is told from (a targeted offer's links)
        model.addAttribute("confirming", acceptances.confirming(opened.link()));
        return switch (acceptances.confirm(opened.link())) {
            case CONFIRMED -> "accept/confirmed";
            case ALREADY_USED, NO_LONGER_OPEN -> pages.gone(opened.link(), model, response);
        };
    }

    /** Link types whose flows have an accept page (the others come with their flows). */
    private boolean acceptable(Link link) {
        return link.type() == LinkType.CUSTOMER_SIGNUP || link.type() == LinkType.TRIAL_INVITATION
                || flow(link).isPresent();
    }

    private java.util.Optional<FlowAcceptance> flow(Link link) {
        return flows.stream().filter(f -> f.handles(link)).findFirst();
    }

    private String page(Link link, AcceptanceForm form, Model model) {
        model.addAttribute("partner", partner(link));
        model.addAttribute("form", form);
        model.addAttribute("linkType", link.type().name());
        var flow = flow(link);
        if (flow.isPresent()) {
            flow.get().describe(link, model);
        } else {
            model.addAttribute("offer", offers.describe(link));
        }
        model.addAttribute("countries", Countries.all());
        model.addAttribute("asksAdminName", flow.map(f -> f.asksAdminName(link, form)).orElse(true));
        return "accept/offer";
    }

    private Partner partner(Link link) {
        return partners.findById(link.partnerId()).orElseThrow();
    }
}
