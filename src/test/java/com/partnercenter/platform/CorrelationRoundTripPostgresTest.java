package com.partnercenter.platform;

import com.partnercenter.support.postgres.PostgresIntegrationTest;

/** {@link CorrelationRoundTripContract} on a real PostgreSQL (the shared PostgreSQL test context). */
@PostgresIntegrationTest
class CorrelationRoundTripPostgresTest extends CorrelationRoundTripContract {}
