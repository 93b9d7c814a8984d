package com.partnercenter.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.TestData;
import com.partnercenter.support.postgres.PostgresIntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * The PostgreSQL context as a whole application: its engine is registered under its own name (so it
 * never takes over the H2 context's "default" engine in the same JVM) and its REST API serves it,
 * authenticated, under /engine-rest/engine/pgtest.
 */
@PostgresIntegrationTest
class PostgresContextTest {

    static final String REST = "/engine-rest/engine/" + PostgresIntegrationTest.ENGINE_NAME;

    @Autowired
    ProcessEngine engine;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    TestData data;

    @Test
    void engineIsRegisteredUnderItsOwnName() {
        assertThat(engine.getName()).isEqualTo(PostgresIntegrationTest.ENGINE_NAME);
        assertThat(ProcessEngines.getProcessEngine(PostgresIntegrationTest.ENGINE_NAME)).isSameAs(engine);
        assertThat(ProcessEngines.getProcessEngine(ProcessEngines.NAME_DEFAULT)).isNotSameAs(engine);
    }

    @Test
    void restApiServesThisEngineWithAuthentication() {
        PartnerUser user = data.user(data.partner(), SupportedAccess.FULL);
        assertThat(rest.getForEntity(REST + "/user", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        PartnerUser other = data.user(data.partner(), SupportedAccess.FULL); // failed logins delay the next ones
        assertThat(rest.withBasicAuth(other.userId(), "wrong-password").getForEntity(REST + "/user", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        // the user exists only in this context's PostgreSQL database: a 200 proves the request reached it
        var own = rest.withBasicAuth(user.userId(), TestData.PASSWORD)
                .getForEntity(REST + "/user/" + user.userId() + "/profile", String.class);
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(own.getBody()).contains("\"id\":\"" + user.userId() + "\"");
    }
}
