package com.partnercenter.guard;

import com.partnercenter.support.postgres.PostgresIntegrationTest;

/** {@link TrustBoundaryAttacksContract} on a real PostgreSQL (its engine's REST API). */
@PostgresIntegrationTest
class TrustBoundaryAttacksPostgresTest extends TrustBoundaryAttacksContract {

    @Override
    String rest() {
        return "/engine-rest/engine/" + PostgresIntegrationTest.ENGINE_NAME;
    }
}
