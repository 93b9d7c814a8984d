package com.partnercenter.portal;

import com.partnercenter.platform.PageLocaleResolver;
import com.partnercenter.web.Paged;
import com.partnercenter.web.Pager;
import org.springframework.context.i18n.LocaleContextHolder;
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
 * "Invitations and offers" of the partner pages: {@code /partner/invitations} lists every link the partner issued
 * (trial invitations, purchase offers, sign-ups) with what it offers, its recipients, status and acceptances,
 * searchable and paged ({@code q}, {@code kind}, {@code status}, {@code issued}, {@code accepted}, {@code converted},
 * {@code page}); {@code /partner/invitations/{linkId}} shows one with its recipients and acceptances and the actions
 * the user may take ({@link InvitationActions}). Another partner's link answers 404.
 */
@Controller
public class InvitationPagesController {

    private static final Set<String> DONE = Set.of("revoked", "recipients", "offerSent");

    private final InvitationDirectory directory;
    private final InvitationView view;
    private final InvitationActions actions;
    private final PortalPages pages;

    public InvitationPagesController(InvitationDirectory directory, InvitationView view, InvitationActions actions,
            PortalPages pages) {
        this.directory = directory;
        this.view = view;
        this.actions = actions;
        this.pages = pages;
    }

    @GetMapping("/partner/invitations")
    public String list(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String status, @RequestParam(required = false) String issued,
            @RequestParam(required = false) String accepted, @RequestParam(required = false) String converted,
            @RequestParam(required = false) String page, HttpServletRequest request, Model model) {
        PortalUser me = PortalPages.me(request);
        InvitationDirectory.Query query = InvitationDirectory.Query.of(q, kind, status, issued, accepted, converted,
                page);
        Paged<InvitationDirectory.Row> result = directory.search(me.partner().id(), query);
        model.addAttribute("query", query);
        model.addAttribute("result", result);
        model.addAttribute("pager", Pager.of(result, request, LocaleContextHolder.getLocale()));
        model.addAttribute("offerings", view.offerings(result.rows()));
        model.addAttribute("issuers", view.issuers(result.rows()));
        model.addAttribute("kinds", InvitationDirectory.Kind.values());
        model.addAttribute("statuses", InvitationDirectory.Status.values());
        return "partner/invitations";
    }

    @GetMapping("/partner/invitations/{linkId}")
    public String invitation(@PathVariable long linkId, @RequestParam(required = false) String done,
            HttpServletRequest request, Model model) {
        model.addAttribute("done", done != null && DONE.contains(done) ? done : null);
        return page(linkId, request, model, Map.of(), Map.of());
    }

    @PostMapping("/partner/invitations/{linkId}/revoke")
    public String revoke(@PathVariable long linkId, HttpServletRequest request) {
        PortalUser me = PortalPages.me(request);
        actions.revoke(me.user(), me.partner(), linkId);
        return PageLocaleResolver.redirect(request, "/partner/invitations/" + linkId + "?done=revoked");
    }

    @PostMapping("/partner/invitations/{linkId}/recipients")
    public String addRecipients(@PathVariable long linkId, @RequestParam(required = false) String recipients,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        PortalUser me = PortalPages.me(request);
        Errors errors = PortalPages.errors("recipients");
        actions.addRecipients(me.user(), me.partner(), linkId, recipients, errors);
        if (errors.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("failedForm", "recipients");
            return page(linkId, request, model, pages.sentences(errors),
                    Map.of("recipients", recipients == null ? "" : recipients));
        }
        return PageLocaleResolver.redirect(request, "/partner/invitations/" + linkId + "?done=recipients");
    }

    @PostMapping("/partner/invitations/{linkId}/acceptances/{acceptanceId}/offer")
    public String convertingOffer(@PathVariable long linkId, @PathVariable long acceptanceId,
            @RequestParam(required = false) String licenses, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        PortalUser me = PortalPages.me(request);
        Errors errors = PortalPages.errors("offer");
        actions.sendConvertingOffer(me.user(), me.partner(), linkId, acceptanceId, licenses, errors);
        if (errors.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("failedForm", "offer-" + acceptanceId);
            return page(linkId, request, model, pages.sentences(errors),
                    Map.of("licenses", licenses == null ? "" : licenses));
        }
        return PageLocaleResolver.redirect(request, "/partner/invitations/" + linkId + "?done=offerSent");
    }

    private String page(long linkId, HttpServletRequest request, Model model, Map<String, String> errors,
            Map<String, Object> values) {
        PortalUser me = PortalPages.me(request);
        InvitationDirectory.Row row = actions.link(me.partner(), linkId);
        InvitationView.Offering offering = view.offerings(List.of(row)).get(linkId);
        String issuer = actions.issuer(row).orElse(null);
        model.addAttribute("row", row);
        model.addAttribute("offering", offering);
        model.addAttribute("issuer", view.issuers(List.of(row)).get(linkId));
        model.addAttribute("recipients", view.recipients(row));
        model.addAttribute("acceptances", view.acceptances(me.partner().id(), row, offering));
        model.addAttribute("url", view.publishedUrl(me.partner().id(), row).orElse(null));
        model.addAttribute("mayManage", actions.mayManage(me.user(), row, issuer));
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        return "partner/invitation";
    }
}
