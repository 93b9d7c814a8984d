package com.partnercenter.portal;

import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.PartnerProfile;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.platform.PageLocaleResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.Errors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The partner's own pages: overview ({@code /partner}), company profile ({@code /partner/profile}: everyone reads,
 * the global admin edits) and users ({@code /partner/users}: everyone reads, global admins and user-management
 * admins add and edit).
 */
@Controller
public class PartnerPagesController {

    private final PartnerRepository partners;
    private final PartnerProfile profile;
    private final PartnerUserAccess userAccess;
    private final OverviewStatistics statistics;
    private final PortalPages pages;
    private final com.partnercenter.partner.FlowStartPermissions permissions;

    public PartnerPagesController(com.partnercenter.partner.FlowStartPermissions permissions, PartnerRepository partners, PartnerProfile profile, PartnerUserAccess userAccess,
            OverviewStatistics statistics, PortalPages pages) {
        this.partners = partners;
        this.profile = profile;
        this.userAccess = userAccess;
        this.statistics = statistics;
        this.pages = pages;
        this.permissions = permissions;
    }

    @GetMapping("/partner")
    public String overview(HttpServletRequest request, Model model) {
        PortalUser me = PortalPages.me(request);
        OverviewStatistics.Overview overview = statistics.of(me.partner());
        model.addAttribute("overview", overview);
        model.addAttribute("chart", OverviewChart.of(overview, OverviewStatistics.Series.values(),
                org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        // only the flows the user may start (the same rule as Tasklist's start list)
        var language = com.partnercenter.platform.Language.orDefault(
                org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage(),
                com.partnercenter.platform.Language.EN);
        java.util.List<String> startable = new java.util.ArrayList<>();
        java.util.Map<String, String> closed = new java.util.LinkedHashMap<>();
        for (String key : permissions.partnerFlows()) {
            var decision = permissions.decide(me.user().userId(), key);
            if (decision.allowed()) {
                startable.add(key);
            } else {
                closed.put(key, decision.reason(language));
            }
        }
        model.addAttribute("startable", startable);
        // what is not open to the user, and why (its partner's program authorizations, its own access)
        model.addAttribute("closed", closed);
        model.addAttribute("series", OverviewStatistics.Series.values());
        return "partner/overview";
    }

    // ---- profile

    @GetMapping("/partner/profile")
    public String profile(@RequestParam(required = false) String done, HttpServletRequest request, Model model) {
        var p = PortalPages.me(request).partner();
        model.addAttribute("form", PortalPages.values(new PartnerProfile.Form(p.name(), p.addressLine(),
                p.postalCode(), p.city(), p.country(), p.phone(), p.supportEmail(), p.website())));
        model.addAttribute("done", "saved".equals(done));
        model.addAttribute("errors", Map.of());
        return "partner/profile";
    }

    @PostMapping("/partner/profile")
    public String saveProfile(@ModelAttribute("profileForm") PartnerProfile.Form form, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        PortalUser me = PortalPages.me(request);
        Errors errors = PortalPages.errors("profile");
        if (profile.update(me.user(), form, errors)) {
            return PageLocaleResolver.redirect(request, "/partner/profile?done=saved");
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("errors", pages.sentences(errors));
        model.addAttribute("form", PortalPages.values(form));
        model.addAttribute("done", false);
        return "partner/profile";
    }

    // ---- users

    @GetMapping("/partner/users")
    public String users(@RequestParam(required = false) String done, HttpServletRequest request, Model model) {
        model.addAttribute("users", partners.findUsers(PortalPages.me(request).partner().id()));
        model.addAttribute("done", "saved".equals(done));
        return "partner/users";
    }

    @GetMapping("/partner/users/new")
    public String newUser(HttpServletRequest request, Model model) {
        requireUserManager(request);
        return userForm(null, new PartnerUserAccess.Form("", "", "", "", "en", CompanyRole.NONE.name(),
                SupportedAccess.NONE.name()), Map.of(), model);
    }

    @GetMapping("/partner/users/{id}")
    public String editUser(@PathVariable long id, HttpServletRequest request, Model model) {
        requireUserManager(request);
        PartnerUser user = ownUser(request, id);
        return userForm(user, new PartnerUserAccess.Form(user.userId(), user.firstName(), user.lastName(),
                user.email(), user.language(), user.companyRole().name(), user.supportedAccess().name()), Map.of(),
                model);
    }

    @PostMapping("/partner/users")
    public String addUser(@ModelAttribute("userForm") PartnerUserAccess.Form form, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        return saveUser(null, form, request, response, model);
    }

    @PostMapping("/partner/users/{id}")
    public String changeUser(@PathVariable long id, @ModelAttribute("userForm") PartnerUserAccess.Form form, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        return saveUser(id, form, request, response, model);
    }

    private String saveUser(Long id, PartnerUserAccess.Form form, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        PortalUser me = PortalPages.me(request);
        Errors errors = PortalPages.errors("user");
        if (userAccess.change(me.user(), id, form, errors) != null) {
            return PageLocaleResolver.redirect(request, "/partner/users?done=saved");
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return userForm(id == null ? null : ownUser(request, id), form, pages.sentences(errors), model);
    }

    private String userForm(PartnerUser user, PartnerUserAccess.Form form, Map<String, String> errors, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("form", PortalPages.values(form));
        model.addAttribute("errors", errors);
        model.addAttribute("roles", CompanyRole.values());
        model.addAttribute("accesses", SupportedAccess.values());
        return "partner/user";
    }

    private static void requireUserManager(HttpServletRequest request) {
        if (!PortalPages.me(request).managesUsers()) {
            throw new SecurityException("only global admins and user-management admins manage users");
        }
    }

    private PartnerUser ownUser(HttpServletRequest request, long id) {
        return partners.findUserById(id).filter(u -> u.partnerId() == PortalPages.me(request).partner().id())
                .orElseThrow(com.partnercenter.customermanagement.CustomerManagement.NotFound::new);
    }
}
