package com.partnercenter.request;

import com.partnercenter.support.postgres.PostgresIntegrationTest;

/** {@link RunningInstancesBackfillContract} on a real PostgreSQL. */
@PostgresIntegrationTest
class RunningInstancesBackfillPostgresTest extends RunningInstancesBackfillContract {}
