package com.partnercenter.platform;

import com.partnercenter.support.IntegrationTest;

/** {@link CorrelationRoundTripContract} on H2 (the shared test context). */
@IntegrationTest
class CorrelationRoundTripH2Test extends CorrelationRoundTripContract {}
