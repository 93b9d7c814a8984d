package com.partnercenter.acceptance;

import com.partnercenter.support.IntegrationTest;

@IntegrationTest
class AcceptPageH2Test extends AcceptPageHttpContract {}
