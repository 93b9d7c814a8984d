package com.partnercenter.trial;

import com.partnercenter.support.IntegrationTest;

@IntegrationTest
class TrialAcceptPageH2Test extends TrialAcceptPageContract {}
