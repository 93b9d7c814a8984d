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
import java.util.Map;
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
