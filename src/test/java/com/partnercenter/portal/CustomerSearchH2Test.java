package com.partnercenter.portal;

import com.partnercenter.support.IntegrationTest;

/** {@link CustomerSearchContract} on H2. */
@IntegrationTest
class CustomerSearchH2Test extends CustomerSearchContract {

    @Override
    String engine() {
        return "default";
    }
}
