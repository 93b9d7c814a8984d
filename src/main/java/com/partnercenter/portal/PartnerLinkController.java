package com.partnercenter.portal;

import com.partnercenter.customermanagement.CustomerManagement;
import com.partnercenter.link.Link;
import com.partnercenter.link.LinkService;
import com.partnercenter.platform.EngineClock;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /partner/links/{linkId}}: one link the partner issued (a trial invitation, a purchase offer, a sign-up),
 * its URL to copy, its expiry and whether it still works. The URL is rebuilt from the link
 * ({@link LinkService#partnerLinkUrl}); it is stored nowhere. The "Manage the invitation link" and "Manage the
 * offer" tasks point here. Another partner's link, or a customer's own link, answers 404.
 */
@Controller
public class PartnerLinkController {

    private final LinkService links;

    public PartnerLinkController(LinkService links) {
        this.links = links;
    }

    @GetMapping("/partner/links/{linkId}")
    public String link(@PathVariable long linkId, HttpServletRequest request, Model model) {
        long partnerId = PortalPages.me(request).partner().id();
        String url = links.partnerLinkUrl(partnerId, linkId).orElseThrow(CustomerManagement.NotFound::new);
        Link link = links.findById(linkId).orElseThrow(CustomerManagement.NotFound::new);
        model.addAttribute("link", link);
        model.addAttribute("url", url);
        model.addAttribute("usable", link.usable(EngineClock.now()));
        model.addAttribute("expiresAt", java.util.Date.from(link.expiresAt()));
        return "partner/link";
    }
}
