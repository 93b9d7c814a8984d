package com.partnercenter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.partnercenter.customer.CustomerDirectory;
import com.partnercenter.delegation.AdminRole;
import com.partnercenter.delegation.CustomerAccess;
import com.partnercenter.delegation.RelationshipRepository;
import com.partnercenter.partner.ProgramAuthorization;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Who may see and do what on a customer" has one owner, {@link CustomerAccess}: no page, API, service or guard
 * decides it from the pieces the rule is made of (whether the partner manages the customer, the user's grant on a
 * relationship, the privileges a role gives, the authorized-service-provider authorization).
 */
class CustomerAccessIsTheOneRuleTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.partnercenter");
    }

    @Test
    void onlyTheRuleAsksWhetherAPartnerManagesACustomer() {
        noClasses().that().doNotBelongToAnyOf(CustomerAccess.class)
                .should().callMethod(CustomerDirectory.class, "manages",
                        com.partnercenter.partner.Partner.class, long.class)
                .because("CustomerAccess.manages is the one answer (it also requires customer management open)")
                .check(classes);
    }

    @Test
    void onlyTheRuleReadsAUsersGrantOnACustomer() {
        noClasses().that().doNotBelongToAnyOf(CustomerAccess.class)
                .should().callMethod(RelationshipRepository.class, "roleOn", long.class, long.class)
                .because("a user's role on a customer is CustomerAccess.roleOn (grant and supported access together)")
                .check(classes);
    }

    @Test
    void onlyTheRuleSaysWhatARoleAllows() {
        noClasses().that().doNotBelongToAnyOf(CustomerAccess.class, AdminRole.class, AdminRole.GrantedRole.class)
                .should().accessTargetWhere(DescribedPredicate.<JavaAccess<?>>describe(
                        "a granted role's value (GLOBAL_ADMIN, PASSWORD_ADMIN)",
                        access -> access.getTargetOwner().isEquivalentTo(AdminRole.GrantedRole.class)
                                && (access.getName().equals("GLOBAL_ADMIN")
                                        || access.getName().equals("PASSWORD_ADMIN"))))
                .because("what a role allows is CustomerAccess.allows / may / mayEndRelationship")
                .check(classes);
    }

    @Test
    void theServiceProviderAuthorizationIsReadOnlyByTheRule() {
        noClasses().that().doNotBelongToAnyOf(CustomerAccess.class, CustomerDirectory.class)
                .and().resideOutsideOfPackages("com.partnercenter.partner..", "com.partnercenter.demo..")
                .should().accessTargetWhere(DescribedPredicate.<JavaAccess<?>>describe(
                        "ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER",
                        access -> access.getTargetOwner().isEquivalentTo(ProgramAuthorization.class)
                                && access.getName().equals("AUTHORIZED_SERVICE_PROVIDER")))
                .because("being an authorized service provider only means managing customers: CustomerAccess")
                .check(classes);
    }
}
