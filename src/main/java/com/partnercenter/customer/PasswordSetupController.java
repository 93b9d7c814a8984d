package com.partnercenter.customer;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.link.Link;
import com.partnercenter.link.LinkPages;
import com.partnercenter.link.LinkService;
import com.partnercenter.link.LinkType;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.PartnerCenterProperties;
import com.partnercenter.security.IdentityAdmin;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The page of a set-password link: a new customer admin chooses its password, once. The link is
 * consumed and the password saved in one transaction.
 */
@Controller
public class PasswordSetupController {

    private final LinkPages pages;
    private final LinkService links;
    private final IdentityAdmin identity;
    private final PartnerRepository partners;
    private final PartnerCenterProperties properties;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    public PasswordSetupController(LinkPages pages, LinkService links, IdentityAdmin identity,
            PartnerRepository partners, PartnerCenterProperties properties, TransactionTemplate tx, AuditLog audit) {
        this.pages = pages;
        this.links = links;
        this.identity = identity;
        this.partners = partners;
        this.properties = properties;
        this.tx = tx;
        this.audit = audit;
    }

    @GetMapping("/p/{advisorCode}/password/{token}")
    public String show(@PathVariable String advisorCode, @PathVariable String token, Model model,
            HttpServletResponse response) {
        LinkPages.Opened opened = pages.open(advisorCode, token, PasswordSetupController::passwordLink, model,
                response);
        if (!opened.usable()) {
            return opened.unavailableView();
        }
        return page(opened.link(), new PasswordForm(), model);
    }

    @PostMapping("/p/{advisorCode}/password/{token}")
    public String save(@PathVariable String advisorCode, @PathVariable String token,
            @Valid @ModelAttribute("form") PasswordForm form, BindingResult errors, Model model,
            HttpServletResponse response) {
        LinkPages.Opened opened = pages.open(advisorCode, token, PasswordSetupController::passwordLink, model,
                response);
        if (!opened.usable()) {
            return opened.unavailableView();
        }
        Link link = opened.link();
        if (!errors.hasFieldErrors("password")
                && form.getPassword().toLowerCase(Locale.ROOT).contains(link.userId().toLowerCase(Locale.ROOT))) {
            errors.rejectValue("password", "password.containsUserId");
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(link, form, model);
        }
        boolean saved = Boolean.TRUE.equals(tx.execute(status -> {
            if (!links.consume(link.id())) {
                return false;
            }
            identity.setPassword(link.userId(), form.getPassword());
            audit.record(link.userId(), "PASSWORD_SET", link.partnerId(), null, link.businessKey(),
                    "password chosen with the set-password link");
            return true;
        }));
        if (!saved) {
            return pages.gone(link, model, response);
        }
        model.addAttribute("partner", partners.findById(link.partnerId()).orElseThrow());
        model.addAttribute("userId", link.userId());
        model.addAttribute("tasklistUrl", properties.baseUrl() + "/camunda/app/tasklist/");
        return "accept/password-set";
    }

    private static boolean passwordLink(Link link) {
        return link.type() == LinkType.PASSWORD_SETUP && link.userId() != null;
    }

    private String page(Link link, PasswordForm form, Model model) {
        model.addAttribute("partner", partners.findById(link.partnerId()).orElseThrow());
        model.addAttribute("userId", link.userId());
        model.addAttribute("form", form);
        return "accept/password";
    }
}
