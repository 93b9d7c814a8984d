package com.partnercenter.acceptance;

import com.partnercenter.support.postgres.PostgresIntegrationTest;

@PostgresIntegrationTest
class AcceptPagePostgresTest extends AcceptPageHttpContract {}
