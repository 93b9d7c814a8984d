package com.partnercenter.guard;

import com.partnercenter.support.IntegrationTest;

/** {@link TrustBoundaryAttacksContract} on H2 (the shared test context). */
@IntegrationTest
class TrustBoundaryAttacksH2Test extends TrustBoundaryAttacksContract {

    @Override
    String rest() {
        return "/engine-rest";
    }
}
