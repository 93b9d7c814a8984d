package com.partnercenter.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerProcesses;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.partnercenter.audit.AuditLog;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "Partner user access" on its own: when the last global admin would lose the role (a change that passed the
 * page's check while another one demoted the other admin), Assign roles throws LAST_GLOBAL_ADMIN and the
 * instance ends as "Change refused", changing nothing; the same change applied twice changes nothing more.
 */
@IntegrationTest
class PartnerUserAccessProcessTest {

    @Autowired TestData data;
    @Autowired PartnerProcesses processes;
    @Autowired PartnerRepository partners;
    @Autowired HistoryService history;
    @Autowired ActivityView activity;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void theLastGlobalAdminIsKeptByTheModelledError() {
        Partner partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser admin = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        var instance = processes.start(PartnerUserAccess.PROCESS, "USERACCESS", partner, change(admin, "NONE"));

        assertThat(instance.getVariables().get("accessChanged")).isNull();
        assertThat((String) instance.getVariables().get("refusalReason")).contains("last global admin");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                .getEndActivityId()).isEqualTo("End_ChangeRefused");
        assertThat(partners.findUserById(admin.id()).orElseThrow().companyRole()).isEqualTo(CompanyRole.GLOBAL_ADMIN);

        // the reason is in the language of whoever asked for the change
        PartnerUser french = data.user(partner, CompanyRole.USER_MANAGEMENT_ADMIN, SupportedAccess.NONE, "fr");
        Map<String, Object> byFrench = change(admin, "NONE");
        byFrench.put("changedBy", french.userId());
        assertThat((String) processes.start(PartnerUserAccess.PROCESS, "USERACCESS", partner, byFrench).getVariables()
                .get("refusalReason")).isEqualTo(admin.displayName() + " est le dernier administrateur général de "
                        + partner.name() + " : la modification est refusée.");
    }

    @Test
    void theAuditSaysWhatChangedInTheReadersLanguage() {
        Partner partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        PartnerUser user = data.user(partner, CompanyRole.NONE, SupportedAccess.LIMITED);
        var changed = processes.start(PartnerUserAccess.PROCESS, "USERACCESS", partner, change(user, "SERVICE_ADMIN"));
        AuditLog.Entry entry = entry(changed.getBusinessKey());
        assertThat(activity.what(entry, Locale.ENGLISH)).isEqualTo(user.displayName()
                + ": Service admin, Limited administration (before: None, Limited administration).");
        assertThat(activity.what(entry, Locale.FRENCH)).startsWith(user.displayName() + " : ")
                .contains("(avant : ").doesNotContain("SERVICE_ADMIN").doesNotContain("before");

        Map<String, Object> added = change(user, "BILLING_ADMIN");
        added.remove("partnerUserId");
        added.put("userId", TestData.unique("n").toLowerCase(Locale.ROOT));
        added.put("newUser", true);
        var created = processes.start(PartnerUserAccess.PROCESS, "USERACCESS", partner, added);
        assertThat(activity.what(entry(created.getBusinessKey()), Locale.ENGLISH))
                .isEqualTo(user.displayName() + ": Billing admin, Limited administration (new user).");
    }

    private AuditLog.Entry entry(String businessKey) {
        return jdbc.sql("select actor, action, details, args from pc_audit where business_key = ?").param(businessKey)
                .query((rs, n) -> new AuditLog.Entry(0, null, rs.getString("actor"), rs.getString("action"), null,
                        businessKey, rs.getString("details"), List.of(rs.getString("args").split("\u001f"))))
                .single();
    }

    @Test
    void applyingTheSameChangeTwiceChangesNothingMore() {
        Partner partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        PartnerUser user = data.user(partner, CompanyRole.NONE, SupportedAccess.NONE);
        processes.start(PartnerUserAccess.PROCESS, "USERACCESS", partner, change(user, "SERVICE_ADMIN"));
        var again = processes.start(PartnerUserAccess.PROCESS, "USERACCESS", partner, change(user, "SERVICE_ADMIN"));
        assertThat(again.getVariables().get("accessChanged")).isEqualTo(true);
        assertThat(partners.findUsers(partner.id())).hasSize(2);
        assertThat(partners.findUserById(user.id()).orElseThrow().companyRole()).isEqualTo(CompanyRole.SERVICE_ADMIN);
    }

    private static Map<String, Object> change(PartnerUser user, String role) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("partnerUserId", user.id());
        variables.put("userId", user.userId());
        variables.put("firstName", user.firstName());
        variables.put("lastName", user.lastName());
        variables.put("userEmail", user.email());
        variables.put("userLanguage", user.language());
        variables.put("companyRole", role);
        variables.put("supportedAccess", user.supportedAccess().name());
        variables.put("newUser", false);
        variables.put("changedBy", "test");
        variables.put("changedByName", "Test");
        return variables;
    }
}
