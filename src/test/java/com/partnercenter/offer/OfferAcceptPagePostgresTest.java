package com.partnercenter.offer;

import com.partnercenter.support.postgres.PostgresIntegrationTest;

@PostgresIntegrationTest
class OfferAcceptPagePostgresTest extends OfferAcceptPageContract {}
