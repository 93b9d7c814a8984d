package com.partnercenter.link;

import com.partnercenter.support.IntegrationTest;

@IntegrationTest
class NoUsableTokenAtRestH2Test extends NoUsableTokenAtRestContract {}
