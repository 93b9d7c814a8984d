package com.partnercenter.request;

import com.partnercenter.support.IntegrationTest;

/** {@link RunningInstancesBackfillContract} on H2 (the shared test context). */
@IntegrationTest
class RunningInstancesBackfillH2Test extends RunningInstancesBackfillContract {}
