package com.partnercenter.link;

import com.partnercenter.partner.PartnerRepository;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Opens a personalized link for a public page: the link when it is usable and of the expected kind,
 * otherwise the page that says so: 404 for unknown, malformed, tampered or wrong-kind links (nothing
 * revealed), 410 with the partner's contact details for links that no longer work.
 */
@Component
public class LinkPages {

    /** The link, or the view to render instead. */
    public record Opened(Link link, String unavailableView) {
        public boolean usable() {
            return link != null;
        }
    }

    private final LinkService links;
    private final PartnerRepository partners;

    public LinkPages(LinkService links, PartnerRepository partners) {
        this.links = links;
        this.partners = partners;
    }

    public Opened open(String advisorCode, String token, Predicate<Link> kind, Model model,
            HttpServletResponse response) {
        LinkResolution resolution = links.resolve(advisorCode, token);
        if (resolution instanceof LinkResolution.Usable usable && kind.test(usable.link())) {
            return new Opened(usable.link(), null);
        }
        if (resolution instanceof LinkResolution.Gone gone && kind.test(gone.link())) {
            return new Opened(null, gone(gone.link(), model, response));
        }
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return new Opened(null, "accept/not-found");
    }

    /** The 410 page of a link that no longer works. */
    public String gone(Link link, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.GONE.value());
        model.addAttribute("partner", partners.findById(link.partnerId()).orElseThrow());
        // a kind of link may say more on its page (message gone.<TYPE>, e.g. an offer replaced by a newer one)
        model.addAttribute("goneLinkType", link.type().name());
        return "accept/gone";
    }
}
