package com.partnercenter.platform;

import com.partnercenter.support.IntegrationTest;

/** {@link SchemaContract} on H2 (the shared test context). */
@IntegrationTest
class SchemaH2Test extends SchemaContract {

    @Override
    String expectedDatabaseType() {
        return "h2";
    }
}
