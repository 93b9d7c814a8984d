package com.partnercenter.offer;

import com.partnercenter.support.IntegrationTest;

@IntegrationTest
class OfferAcceptPageH2Test extends OfferAcceptPageContract {}
