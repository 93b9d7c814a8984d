package com.partnercenter.portal;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.LicenseCounts;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.invitation.InvitationRecipients;
import com.partnercenter.link.Link;
import com.partnercenter.link.LinkService;
import com.partnercenter.offer.OfferDelegates;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerProcesses;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.platform.AsApplication;
import com.partnercenter.platform.EmailAddresses;
import com.partnercenter.platform.ProcessVariables;
import com.partnercenter.trial.TrialDelegates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * What a partner user may do with a link from the invitations page, each checked here whatever calls it: revoke it
 * while it is open; send it to more recipients (a trial invitation or an offer, while open; the small process
 * {@value #RECIPIENTS_PROCESS} mails them, each address once, with retries); send the customer of a trial a purchase
 * offer for the trial's SKU (the flow "Purchase offer" started as the user, as Tasklist would). Revoking and
 * adding recipients belong to whoever issued the link and to the partner's global admins; bad input is reported on
 * {@code Errors} with a message key and changes nothing.
 */
@Component("emailAddedRecipients")
public class InvitationActions implements JavaDelegate {

    public static final String RECIPIENTS_PROCESS = "invitationRecipients";
    static final String REVOKE_MESSAGE = "RevokeLink";
    /** The recipients' step of the invitation flows: an address it mailed is not mailed again. */
    static final String RECIPIENTS_STEP = "Task_EmailRecipients";

    private final InvitationDirectory directory;
    private final InvitationView view;
    private final LinkService links;
    private final PartnerRepository partners;
    private final PartnerProcesses processes;
    private final InvitationRecipients recipientMails;
    private final OfferDelegates offerSteps;
    private final CatalogueRepository catalogue;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final AuditLog audit;
    private final org.camunda.bpm.engine.HistoryService history;

    public InvitationActions(org.camunda.bpm.engine.HistoryService history, InvitationDirectory directory, InvitationView view, LinkService links,
            PartnerRepository partners, PartnerProcesses processes, InvitationRecipients recipientMails,
            OfferDelegates offerSteps, CatalogueRepository catalogue, RuntimeService runtime, IdentityService identity,
            AuditLog audit) {
        this.directory = directory;
        this.view = view;
        this.links = links;
        this.partners = partners;
        this.processes = processes;
        this.recipientMails = recipientMails;
        this.offerSteps = offerSteps;
        this.catalogue = catalogue;
        this.runtime = runtime;
        this.identity = identity;
        this.audit = audit;
        this.history = history;
    }

    /** The link, when it is one of the partner's invitations; otherwise not found (404). */
    public InvitationDirectory.Row link(Partner partner, long linkId) {
        return directory.find(partner.id(), linkId)
                .orElseThrow(com.partnercenter.customermanagement.CustomerManagement.NotFound::new);
    }

    /** The issuer of the link and the partner's global admins manage it (revoke, more recipients). */
    public boolean mayManage(PartnerUser user, InvitationDirectory.Row row, String issuerUserId) {
        return user.companyRole() == CompanyRole.GLOBAL_ADMIN || user.userId().equals(issuerUserId);
    }

    /** The start user of the link's flow (who issued it). */
    public Optional<String> issuer(InvitationDirectory.Row row) {
        if (row.processInstanceId() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(AsApplication.run(identity, () -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(row.processInstanceId()).singleResult()))
                .map(org.camunda.bpm.engine.history.HistoricProcessInstance::getStartUserId);
    }

    @Transactional
    public void revoke(PartnerUser user, Partner partner, long linkId) {
        InvitationDirectory.Row row = link(partner, linkId);
        if (!mayManage(user, row, issuer(row).orElse(null))) {
            throw new com.partnercenter.customermanagement.CustomerManagement.Forbidden(
                    user.userId() + " may not revoke link " + linkId);
        }
        if (row.status() != InvitationDirectory.Status.OPEN) {
            return; // closed meanwhile: nothing to do
        }
        try {
            AsApplication.run(identity, () -> runtime.createMessageCorrelation(REVOKE_MESSAGE)
                    .processInstanceId(row.processInstanceId()).correlateWithResult());
        } catch (MismatchingMessageCorrelationException closing) {
            // the flow is closing the link itself (expiry, acceptance): it ends the same way
        }
        audit.record(user.userId(), "LINK_REVOKED", partner.id(), null, row.businessKey(),
                row.kind() + " link " + linkId + " revoked on the invitations page");
    }

    /**
     * Sends the invitation to more addresses (lines, commas or semicolons; at most
     * {@value InvitationRecipients#MAX_RECIPIENTS} in all); those already sent it are left out. Returns how many
     * get it now.
     */
    @Transactional
    public int addRecipients(PartnerUser user, Partner partner, long linkId, String text, Errors errors) {
        InvitationDirectory.Row row = link(partner, linkId);
        if (!mayManage(user, row, issuer(row).orElse(null))) {
            throw new com.partnercenter.customermanagement.CustomerManagement.Forbidden(
                    user.userId() + " may not add recipients to link " + linkId);
        }
        if (row.kind() == InvitationDirectory.Kind.SIGNUP || row.status() != InvitationDirectory.Status.OPEN) {
            errors.rejectValue("recipients", "invitations.recipients.notOpen");
            return 0;
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (String part : (text == null ? "" : text).split("[\\r\\n,;]+")) {
            String address = part.strip();
            if (address.isEmpty()) {
                continue;
            }
            if (address.length() > 254 || !EmailAddresses.isValid(address)) {
                errors.rejectValue("recipients", "invitations.recipients.invalid", new Object[] {address}, null);
                return 0;
            }
            addresses.add(address.toLowerCase(Locale.ROOT));
        }
        if (addresses.isEmpty()) {
            errors.rejectValue("recipients", "invitations.recipients.required");
            return 0;
        }
        Set<String> already = new LinkedHashSet<>();
        view.recipients(row).forEach(r -> already.add(r.address().toLowerCase(Locale.ROOT)));
        addresses.removeAll(already);
        if (already.size() + addresses.size() > InvitationRecipients.MAX_RECIPIENTS) {
            errors.rejectValue("recipients", "invitations.recipients.tooMany",
                    new Object[] {InvitationRecipients.MAX_RECIPIENTS}, null);
            return 0;
        }
        if (addresses.isEmpty()) {
            return 0;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("linkId", linkId);
        variables.put("addedRecipients", String.join(",", addresses));
        variables.put("changedBy", user.userId());
        processes.startWithKey(RECIPIENTS_PROCESS, row.businessKey() + "-R" + (already.size() + 1), partner, variables);
        audit.record(user.userId(), "LINK_RECIPIENTS_ADDED", partner.id(), null, row.businessKey(),
                addresses.size() + " recipient(s) added to link " + linkId);
        return addresses.size();
    }

    /**
     * BPMN "Email the added recipients" ({@value #RECIPIENTS_PROCESS}): the invitation of the link to each added
     * address, as its flow mailed it, while the link's flow still runs (a link closed meanwhile mails nobody).
     */
    @Override
    public void execute(DelegateExecution execution) {
        long linkId = ProcessVariables.number(execution, "linkId");
        long partnerId = ProcessVariables.number(execution, "partnerId");
        Link link = links.findById(linkId).filter(l -> l.partnerId() == partnerId).orElseThrow(
                () -> new IllegalStateException("link " + linkId + " is not partner " + partnerId + "'s"));
        var invitation = runtime.createProcessInstanceQuery().processInstanceId(link.processInstanceId()).active()
                .singleResult();
        if (invitation == null || !link.usable(com.partnercenter.platform.EngineClock.now())) {
            return;
        }
        Map<String, Object> variables = runtime.getVariables(link.processInstanceId());
        String template;
        Map<String, Object> model;
        switch (link.type()) {
            case TRIAL_INVITATION -> {
                template = TrialDelegates.INVITATION_MAIL;
                model = TrialDelegates.invitationMail(variables);
            }
            case PURCHASE_OFFER -> {
                template = OfferDelegates.INVITATION_MAIL;
                model = offerSteps.invitationMail(variables);
            }
            default -> throw new IllegalStateException("link " + linkId + " (" + link.type() + ") has no recipients");
        }
        Partner partner = partners.findById(partnerId).orElseThrow();
        List<String> addresses = new ArrayList<>(List.of(((String) execution.getVariable("addedRecipients")).split(",")));
        recipientMails.mailTo(addresses, link.processInstanceId(), RECIPIENTS_STEP, template, model, partner,
                link.businessKey(), link.id());
    }

    /**
     * Starts "Purchase offer" as the signed-in user for the customer of a trial acceptance: the trial's SKU and the
     * count asked (within the SKU's bounds, {@link LicenseCounts}), the offer mailed to the administrator who accepted
     * the trial. Returns the business key, or null when {@code errors} says what is wrong.
     */
    @Transactional
    public String sendConvertingOffer(PartnerUser user, Partner partner, long linkId, long acceptanceId,
            String licenses, Errors errors) {
        InvitationDirectory.Row row = link(partner, linkId);
        InvitationView.Offering offering = view.offerings(List.of(row)).get(linkId);
        if (row.kind() != InvitationDirectory.Kind.TRIAL || offering.trialSkuCode() == null) {
            throw new com.partnercenter.customermanagement.CustomerManagement.NotFound();
        }
        InvitationView.AcceptanceRow acceptance = view.acceptances(partner.id(), row, offering).stream()
                .filter(a -> a.id() == acceptanceId).findFirst()
                .orElseThrow(com.partnercenter.customermanagement.CustomerManagement.NotFound::new);
        if (acceptance.customerId() == null || !acceptance.trialRunning()) {
            errors.rejectValue("licenses", "invitations.offer.noTrial");
            return null;
        }
        Sku sku = catalogue.find(offering.trialSkuCode()).orElseThrow();
        LicenseCounts.Checked checked = LicenseCounts.check(licenses, sku);
        if (!checked.ok()) {
            errors.rejectValue("licenses", checked.problem().messageKey(),
                    new Object[] {sku.name(), sku.minLicenses(), sku.maxLicenses()}, null);
            return null;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("line1Sku", sku.code());
        variables.put("line1Licenses", (long) checked.count());
        variables.put("targetCustomerDomain", acceptance.domain());
        variables.put("recipientEmails", acceptance.adminEmail());
        variables.put("linkValidityDays", 30L);
        // as the user, like a start from Tasklist: the flow and the engine check what the user may start
        var started = runtime.createProcessInstanceByKey("purchaseOffer").setVariables(variables).execute();
        audit.record(user.userId(), "CONVERTING_OFFER_SENT", partner.id(), acceptance.customerId(),
                started.getBusinessKey(), sku.code() + " × " + checked.count() + " for the trial of " + acceptance.domain(),
                com.partnercenter.audit.AuditLog.plain(sku.name()), com.partnercenter.audit.AuditLog.number(checked.count()));
        return started.getBusinessKey() == null ? started.getId() : started.getBusinessKey();
    }
}
