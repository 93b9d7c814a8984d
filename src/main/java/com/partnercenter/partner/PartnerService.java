package com.partnercenter.partner;

import com.partnercenter.security.Groups;
import com.partnercenter.security.IdentityAdmin;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates partners and partner users together with their Camunda group, tenant and memberships. */
@Service
public class PartnerService {

    private final PartnerRepository partners;
    private final IdentityAdmin identity;
    private final org.springframework.context.ApplicationEventPublisher events;

    public PartnerService(PartnerRepository partners, IdentityAdmin identity,
            org.springframework.context.ApplicationEventPublisher events) {
        this.partners = partners;
        this.identity = identity;
        this.events = events;
    }

    /** Creates a partner; its tenant and group ids are derived from the advisor code. */
    @Transactional
    public Partner createPartner(Partner draft) {
        String tenantId = Groups.partnerGroup(draft.advisorCode());
        Partner withTenant = new Partner(0, draft.advisorCode(), tenantId, draft.name(), draft.addressLine(),
                draft.postalCode(), draft.city(), draft.country(), draft.phone(), draft.supportEmail(),
                draft.website(), draft.defaultLanguage(), draft.authorizations());
        long id = partners.insert(withTenant);
        identity.ensureGroup(tenantId, draft.name(), "PARTNER");
        identity.ensureTenant(tenantId, draft.name());
        identity.ensureGroupInTenant(tenantId, tenantId);
        // the provisioning worker serves every partner's external tasks
        identity.ensureGroupInTenant(tenantId, Groups.SERVICES);
        return partners.findById(id).orElseThrow();
    }

    /** Creates a partner user and its Camunda account (member of the partner's group and of "partners"). */
    @Transactional
    public PartnerUser createUser(Partner partner, PartnerUser draft, String password) {
        long id = partners.insertUser(new PartnerUser(0, partner.id(), draft.userId(), draft.firstName(),
                draft.lastName(), draft.email(), draft.language(), draft.companyRole(), draft.supportedAccess()));
        identity.ensureUser(draft.userId(), draft.firstName(), draft.lastName(), draft.email(), password);
        identity.ensureMembership(draft.userId(), Groups.PARTNERS);
        identity.ensureMembership(draft.userId(), partner.groupId());
        if (draft.companyRole() != CompanyRole.NONE) {
            String roleGroup = Groups.partnerRoleGroup(partner.advisorCode(), draft.companyRole().name());
            identity.ensureGroup(roleGroup, partner.name() + " — " + draft.companyRole().name(), "PARTNER");
            identity.ensureMembership(draft.userId(), roleGroup);
        }
        events.publishEvent(new com.partnercenter.security.AccountChanged(draft.userId()));
        return partners.findUserByUserId(draft.userId()).orElseThrow();
    }

    public Optional<Partner> partnerOfUser(String userId) {
        return partners.findUserByUserId(userId).flatMap(u -> partners.findById(u.partnerId()));
    }
}
