package com.partnercenter.offer;

import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.LicenseCounts;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.delegation.RequestedRole;
import com.partnercenter.guard.StartCheck;
import com.partnercenter.guard.StartRequest;
import com.partnercenter.invitation.InvitationRequest;
import com.partnercenter.partner.Partner;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The rule of a purchase offer ({@value #PROCESS}): its lines (each a sellable SKU of the catalogue, once, with a
 * license count within the SKU's bounds: {@link LicenseCounts}), an optional target that is one of the partner's
 * customers, delegated administration only for a partner holding it, e-mail recipients, a personal message and a
 * link validity within their bounds. The start check of a partner user's start, and the steps "Check the license
 * counts" (also of the counts a customer accepted) and "Check the offer".
 */
@Component
public class PurchaseOfferRequest implements StartCheck {

    public static final String PROCESS = "purchaseOffer";
    /** Rows of the start form: line1Sku/line1Licenses … line5Sku/line5Licenses. */
    public static final int FORM_LINES = 5;

    /** A line as entered: its row number, the SKU code and the raw count. */
    public record RawLine(int lineNo, Object skuCode, Object licenses) {}

    /** The checked lines, or what is wrong with them. */
    public record Lines(List<PurchaseOffer.Line> lines, List<String> problems) {}

    private final CatalogueRepository catalogue;
    private final CustomerRepository customers;
    private final InvitationRequest invitation;
    private final Messages messages;

    public PurchaseOfferRequest(CatalogueRepository catalogue, CustomerRepository customers,
            InvitationRequest invitation, Messages messages) {
        this.catalogue = catalogue;
        this.customers = customers;
        this.invitation = invitation;
        this.messages = messages;
    }

    @Override
    public String processKey() {
        return PROCESS;
    }

    @Override
    public List<String> problems(StartRequest request) {
        List<String> problems = new ArrayList<>(formLines(request::value, request.language()).problems());
        problems.addAll(offerProblems(request.partner(), request::value, request.language()));
        invitation.validityProblem(request.value("linkValidityDays"), request.language()).ifPresent(problems::add);
        return problems;
    }

    /** The start form's rows, checked. */
    public Lines formLines(Function<String, Object> variables, Language language) {
        List<RawLine> raw = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 1; i <= FORM_LINES; i++) {
            Object sku = variables.apply("line" + i + "Sku");
            Object count = variables.apply("line" + i + "Licenses");
            boolean noSku = sku == null || sku.toString().isBlank();
            if (noSku && (count == null || count.toString().isBlank())) {
                continue;
            }
            if (noSku) {
                problems.add(messages.text(language, "request.line.noSku", i, count));
            } else {
                raw.add(new RawLine(i, sku.toString().trim(), count));
            }
        }
        if (!problems.isEmpty()) {
            return new Lines(List.of(), problems);
        }
        return lines(raw, language);
    }

    /** The whole rule of lines, for any source of lines (the start form, the counts a customer accepted). */
    public Lines lines(List<RawLine> raw, Language language) {
        List<String> problems = new ArrayList<>();
        if (raw.isEmpty()) {
            problems.add(messages.text(language, "request.lines.none"));
        }
        Set<String> seen = new HashSet<>();
        List<PurchaseOffer.Line> lines = new ArrayList<>();
        for (RawLine line : raw) {
            String code = line.skuCode().toString();
            Optional<Sku> found = catalogue.find(code);
            if (found.isEmpty()) {
                problems.add(messages.text(language, "request.line.unknownSku", line.lineNo(), code));
                continue;
            }
            Sku sku = found.get();
            if (!sku.sellable()) {
                problems.add(messages.text(language, "request.line.notSellable", line.lineNo(), sku.name()));
            } else if (!seen.add(sku.code())) {
                problems.add(messages.text(language, "request.line.duplicate", line.lineNo(), sku.name()));
            } else {
                LicenseCounts.Checked count = LicenseCounts.check(line.licenses(), sku);
                if (count.ok()) {
                    lines.add(new PurchaseOffer.Line(line.lineNo(), sku.code(), count.count()));
                } else {
                    problems.add(messages.text(language, "request.line.count", line.lineNo(), messages.text(language,
                            count.problem().messageKey(), sku.name(), sku.minLicenses(), sku.maxLicenses())));
                }
            }
        }
        return new Lines(problems.isEmpty() ? lines : List.of(), problems);
    }

    /** Target, delegated administration, recipients and message of the offer. */
    public List<String> offerProblems(Partner partner, Function<String, Object> variables, Language language) {
        List<String> problems = new ArrayList<>();
        Object domain = variables.apply("targetCustomerDomain");
        if (domain != null && !domain.toString().isBlank() && target(partner, domain).isEmpty()) {
            problems.add(messages.text(language, "request.offer.targetNotYours",
                    domain.toString().trim().toLowerCase(Locale.ROOT), partner.name()));
        }
        RequestedRole.problem(partner, variables.apply("includeDelegatedAdmin"), variables.apply("delegatedAdminRole"),
                "request.what.offer", messages, language).ifPresent(problems::add);
        problems.addAll(invitation.recipientsProblems(variables.apply("recipientEmails"), language));
        invitation.messageProblem(variables.apply("personalMessage"), language).ifPresent(problems::add);
        return problems;
    }

    /** The partner's customer the offer is for (by domain), if any. */
    public Optional<Customer> target(Partner partner, Object domain) {
        if (domain == null || domain.toString().isBlank()) {
            return Optional.empty();
        }
        return customers.findByDomain(domain.toString().trim().toLowerCase(Locale.ROOT))
                .filter(c -> customers.isPartnerOf(partner.id(), c.id()));
    }
}
