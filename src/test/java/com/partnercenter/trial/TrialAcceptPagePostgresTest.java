package com.partnercenter.trial;

import com.partnercenter.support.postgres.PostgresIntegrationTest;

@PostgresIntegrationTest
class TrialAcceptPagePostgresTest extends TrialAcceptPageContract {}
