package com.partnercenter.link;

import com.partnercenter.support.postgres.PostgresIntegrationTest;

@PostgresIntegrationTest
class NoUsableTokenAtRestPostgresTest extends NoUsableTokenAtRestContract {}
