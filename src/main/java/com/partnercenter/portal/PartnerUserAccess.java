package com.partnercenter.portal;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.delegation.RoleAssignmentService;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerProcesses;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.platform.EmailAddresses;
import com.partnercenter.platform.Enums;
import com.partnercenter.platform.HumanText;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import com.partnercenter.platform.ProcessVariables;
import com.partnercenter.platform.Secrets;
import com.partnercenter.security.Groups;
import com.partnercenter.security.IdentityAdmin;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * Partner users' access (the seed's Settings tab): admin access to the company (none or one role) and to the
 * companies the partner supports (none, Full, Limited). Only the partner's global admins and user-management
 * admins change them; only a global admin grants or takes the global-admin role; nobody removes the last global
 * admin. {@link #change} checks the form and starts "Partner user access" ({@value #PROCESS}), whose step
 * "Assign roles" (this bean, {@code ${assignPartnerUserAccess}}) writes the user, its Camunda account, groups and
 * its grants on active delegated-admin relationships, in the page's transaction; then the user is mailed.
 */
@Component("assignPartnerUserAccess")
public class PartnerUserAccess implements JavaDelegate {

    public static final String PROCESS = "partnerUserAccess";
    public static final String LAST_GLOBAL_ADMIN = "LAST_GLOBAL_ADMIN";

    private static final Pattern USER_ID = Pattern.compile("[a-z][a-z0-9]{2,39}");

    /** What the form sends; {@code userId} only for a new user. */
    public record Form(String userId, String firstName, String lastName, String email, String language,
            String companyRole, String supportedAccess) {}

    private final PartnerRepository partners;
    private final IdentityAdmin identity;
    private final RoleAssignmentService roles;
    private final PartnerProcesses processes;
    private final AuditLog audit;
    private final CustomerRepository customers;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Messages messages;

    public PartnerUserAccess(PartnerRepository partners, IdentityAdmin identity, RoleAssignmentService roles,
            PartnerProcesses processes, AuditLog audit, CustomerRepository customers,
            org.springframework.context.ApplicationEventPublisher events, Messages messages) {
        this.messages = messages;
        this.events = events;
        this.customers = customers;
        this.partners = partners;
        this.identity = identity;
        this.roles = roles;
        this.processes = processes;
        this.audit = audit;
    }

    /**
     * Adds ({@code targetId} null) or changes a user of the actor's partner. Returns the business key of the
     * change, or null when {@code errors} says what is wrong (nothing changed).
     *
     * @throws SecurityException the actor may not manage users, or the user is another partner's
     */
    @Transactional
    public String change(PartnerUser actor, Long targetId, Form form, Errors errors) {
        Partner partner = partners.findById(actor.partnerId()).orElseThrow();
        boolean actorGlobalAdmin = actor.companyRole() == CompanyRole.GLOBAL_ADMIN;
        if (!actorGlobalAdmin && actor.companyRole() != CompanyRole.USER_MANAGEMENT_ADMIN) {
            throw new SecurityException(actor.userId() + " may not manage users");
        }
        Optional<PartnerUser> target = Optional.empty();
        if (targetId != null) {
            target = partners.findUserById(targetId).filter(u -> u.partnerId() == partner.id());
            if (target.isEmpty()) {
                throw new SecurityException("no user " + targetId + " at " + partner.advisorCode());
            }
        }
        String userId = target.map(PartnerUser::userId).orElse(trim(form.userId()).toLowerCase(java.util.Locale.ROOT));
        if (target.isEmpty()) {
            if (userId.isEmpty()) {
                errors.rejectValue("userId", "partnerUser.userId.required");
            } else if (!USER_ID.matcher(userId).matches()) {
                errors.rejectValue("userId", "partnerUser.userId.invalid");
            } else if (identity.userExists(userId) || customers.userIdTaken(userId)) {
                // a customer user may not have a sign-in account yet: its id is reserved all the same
                errors.rejectValue("userId", "partnerUser.userId.taken");
            }
        }
        String first = name(form.firstName(), "firstName", errors);
        String last = name(form.lastName(), "lastName", errors);
        HumanText.Checked typedEmail = HumanText.check(form.email(), HumanText.Kind.EMAIL);
        String email = typedEmail.ok() ? typedEmail.text() : "";
        if (typedEmail.rejectOn(errors, "email")) {
            // the text rule's message says what is wrong
        } else if (email.isEmpty()) {
            errors.rejectValue("email", "partnerUser.email.required");
        } else if (email.length() > 254 || !EmailAddresses.isValid(email)) {
            errors.rejectValue("email", "partnerUser.email.invalid");
        }
        String language = trim(form.language());
        if (Language.exact(language).isEmpty()) {
            errors.rejectValue("language", "partnerUser.language.invalid");
        }
        CompanyRole role = Enums.parse(CompanyRole.class, form.companyRole());
        if (role == null) {
            errors.rejectValue("companyRole", "partnerUser.companyRole.invalid");
        }
        SupportedAccess access = Enums.parse(SupportedAccess.class, form.supportedAccess());
        if (access == null) {
            errors.rejectValue("supportedAccess", "partnerUser.supportedAccess.invalid");
        }
        boolean wasGlobalAdmin = target.map(u -> u.companyRole() == CompanyRole.GLOBAL_ADMIN).orElse(false);
        if (role != null && !actorGlobalAdmin && (wasGlobalAdmin || role == CompanyRole.GLOBAL_ADMIN)) {
            errors.rejectValue("companyRole", "partnerUser.companyRole.globalAdminOnly");
        }
        if (role != null && wasGlobalAdmin && role != CompanyRole.GLOBAL_ADMIN
                && partners.countGlobalAdmins(partner.id()) <= 1) {
            errors.rejectValue("companyRole", "partnerUser.companyRole.lastGlobalAdmin");
        }
        if (errors.hasErrors()) {
            return null;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("partnerUserId", targetId);
        variables.put("userId", userId);
        variables.put("firstName", first);
        variables.put("lastName", last);
        variables.put("userEmail", email);
        variables.put("userLanguage", language);
        variables.put("companyRole", role.name());
        variables.put("supportedAccess", access.name());
        variables.put("newUser", target.isEmpty());
        variables.put("changedBy", actor.userId());
        variables.put("changedByName", actor.displayName());
        var instance = processes.start(PROCESS, "USERACCESS", partner, variables);
        if (!Boolean.TRUE.equals(instance.getVariables().get("accessChanged"))) {
            errors.rejectValue("companyRole", "partnerUser.companyRole.lastGlobalAdmin");
            return null;
        }
        return instance.getBusinessKey();
    }

    /** BPMN "Assign roles": writes the change (idempotent: the same values again change nothing). */
    @Override
    public void execute(DelegateExecution execution) {
        long partnerId = ProcessVariables.number(execution, "partnerId");
        Partner partner = partners.findById(partnerId).orElseThrow();
        partners.lock(partnerId);
        Object targetId = execution.getVariable("partnerUserId");
        String userId = (String) execution.getVariable("userId");
        CompanyRole role = CompanyRole.valueOf((String) execution.getVariable("companyRole"));
        SupportedAccess access = SupportedAccess.valueOf((String) execution.getVariable("supportedAccess"));
        String first = (String) execution.getVariable("firstName");
        String last = (String) execution.getVariable("lastName");
        String email = (String) execution.getVariable("userEmail");
        String language = (String) execution.getVariable("userLanguage");
        Optional<PartnerUser> existing = targetId instanceof Number n ? partners.findUserById(n.longValue())
                : partners.findUserByUserId(userId);
        if (existing.isPresent() && existing.get().companyRole() == CompanyRole.GLOBAL_ADMIN
                && role != CompanyRole.GLOBAL_ADMIN && partners.countGlobalAdmins(partnerId) <= 1) {
            // the reason, for Cockpit, in the language of whoever asked for the change (else the partner's)
            Language reader = partners.findUserByUserId((String) execution.getVariable("changedBy"))
                    .map(u -> Language.orDefault(u.language(), Language.DEFAULT))
                    .orElse(Language.orDefault(partner.defaultLanguage(), Language.DEFAULT));
            throw new BpmnError(LAST_GLOBAL_ADMIN, messages.text(reader, "partnerUser.lastGlobalAdmin.reason",
                    existing.get().displayName(), partner.name()));
        }
        PartnerUser user;
        String before;
        PartnerUser was; // what the user held before (none for a new user)
        if (existing.isEmpty()) {
            long id = partners.insertUser(new PartnerUser(0, partnerId, userId, first, last, email, language, role,
                    access));
            identity.ensureUser(userId, first, last, email, Secrets.random());
            user = partners.findUserById(id).orElseThrow();
            before = "new user";
            was = null;
        } else {
            PartnerUser old = existing.get();
            user = new PartnerUser(old.id(), partnerId, old.userId(), first, last, email, language, role, access);
            partners.updateUser(user);
            identity.updateUser(old.userId(), first, last, email);
            before = old.companyRole() + "/" + old.supportedAccess();
            was = old;
        }
        identity.ensureMembership(user.userId(), Groups.PARTNERS);
        identity.ensureMembership(user.userId(), partner.groupId());
        for (CompanyRole r : CompanyRole.values()) {
            if (r == CompanyRole.NONE) {
                continue;
            }
            String group = Groups.partnerRoleGroup(partner.advisorCode(), r.name());
            if (r == role) {
                identity.ensureGroup(group, partner.name() + " — " + r.name(), "PARTNER");
                identity.ensureMembership(user.userId(), group);
            } else {
                identity.removeMembership(user.userId(), group);
            }
        }
        roles.reassign(user);
        events.publishEvent(new com.partnercenter.security.AccountChanged(user.userId()));
        audit.record((String) execution.getVariable("changedBy"), "PARTNER_USER_ACCESS", partnerId, null,
                execution.getProcessBusinessKey(), user.userId() + ": " + before + " → " + role + "/" + access,
                AuditLog.plain(user.displayName()), AuditLog.text("portal.role." + role),
                AuditLog.text("portal.access." + access),
                AuditLog.text("portal.role." + (was == null ? CompanyRole.NONE : was.companyRole())),
                AuditLog.text("portal.access." + (was == null ? SupportedAccess.NONE : was.supportedAccess())),
                AuditLog.number(was == null ? 0 : 1));
        execution.setVariable("partnerUserId", user.id());
        execution.setVariable("accessChanged", true);
    }

    /** A first or last name: the text rule ({@link HumanText.Kind#PERSON_NAME}), required. */
    private static String name(String value, String field, Errors errors) {
        HumanText.Checked checked = HumanText.check(value, HumanText.Kind.PERSON_NAME);
        if (checked.rejectOn(errors, field)) {
            return "";
        }
        if (checked.text().isEmpty()) {
            errors.rejectValue(field, "partnerUser." + field + ".required");
        }
        return checked.text();
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
