package com.partnercenter.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.digest.Sha512HashDigest;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sign-in attacks through the real HTTP surface: spraying one guess each across many accounts from one client is
 * stopped (429) while other clients sign in; an account locked by wrong passwords unlocks by itself after the
 * configured time (engine clock moved, no sleep); failed and locked sign-ins are audited; an old SHA-512 password
 * hash becomes Argon2id at the next successful sign-in.
 */
@IntegrationTest
class SignInProtectionTest {

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired JdbcClient jdbc;
    @Autowired IdentityService identity;
    @Autowired SignInSettings signIn;
    @Autowired com.partnercenter.ratelimit.RateLimitSettings limits;

    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void oneGuessEachAcrossManyAccountsFromOneClientIsStoppedOtherClientsSignIn() throws Exception {
        long perClient = limits.limits().get(SignInGuard.FAILURE_LIMIT).capacity();
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        List<PartnerUser> accounts = new ArrayList<>();
        for (int i = 0; i < perClient + 2; i++) {
            accounts.add(data.user(partner, SupportedAccess.FULL));
        }
        String sprayer = "203.0.113.50";
        for (int i = 0; i < perClient; i++) {
            assertThat(rest(sprayer, accounts.get(i).userId(), "Winter2026!")).as("guess " + (i + 1)).isEqualTo(401);
        }
        assertThat(rest(sprayer, accounts.get((int) perClient).userId(), "Winter2026!"))
                .as("the next guess, on yet another account").isEqualTo(429);
        PartnerUser last = accounts.get((int) perClient + 1);
        assertThat(rest(sprayer, last.userId(), TestData.PASSWORD)).as("even a right password from that client")
                .isEqualTo(429);
        assertThat(webappLogin(sprayer, last.userId(), TestData.PASSWORD)).as("the webapps' login too").isEqualTo(429);
        for (String variant : List.of("/camunda/api/admin/auth/user/default/login/tasklist;x",
                "/camunda//api/admin/auth/user/default/login/tasklist", "/camunda/api/admin/auth/user/default/%6Cogin/tasklist",
                "/camunda/api/admin/auth/user/default/x/../login/tasklist")) {
            // a spelling of the same login path never skips the throttle (refused or not found, never a login)
            assertThat(webappLogin(sprayer, variant, last.userId(), TestData.PASSWORD)).as(variant).isIn(429, 400, 404);
        }
        assertThat(rest("198.51.100.7", last.userId(), TestData.PASSWORD)).as("another client").isEqualTo(200);
        assertThat(PartnerBrowser.signInAttempt(port, "default", last.userId(), TestData.PASSWORD)).isEqualTo(200);
        for (int i = 0; i < perClient; i++) {
            assertThat(attempts(accounts.get(i).userId())).as("one failure on each sprayed account, none locked")
                    .isEqualTo(1);
        }
        assertThat(audit("SIGN_IN_FAILED", "sign-in:" + accounts.get(0).userId())).hasSize(1).first().asString()
                .contains("from " + sprayer);

        ClockUtil.setCurrentTime(Date.from(EngineClock.now().plus(limits.limits().get(SignInGuard.FAILURE_LIMIT)
                .period())));
        assertThat(rest(sprayer, last.userId(), TestData.PASSWORD)).as("the client's bucket refilled").isEqualTo(200);
    }

    @Test
    void aLockedAccountUnlocksByItselfAfterTheLockDuration() throws Exception {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser victim = data.user(partner, SupportedAccess.FULL);
        // the attacker uses many addresses (the per-client limit alone would stop one)
        for (int i = 1; i <= signIn.maxAttempts(); i++) {
            assertThat(rest("192.0.2." + i, victim.userId(), "guess" + i)).isEqualTo(401);
            // past the engine's growing delay between failures (at most 60 s), which counts nothing
            ClockUtil.setCurrentTime(Date.from(EngineClock.now().plusSeconds(61)));
        }
        assertThat(attempts(victim.userId())).isEqualTo(signIn.maxAttempts());
        assertThat(audit("SIGN_IN_FAILED", "sign-in:" + victim.userId())).hasSize(signIn.maxAttempts() - 1);
        assertThat(audit("SIGN_IN_LOCKED", "sign-in:" + victim.userId())).hasSize(1).first().asString()
                .contains("locked until");

        assertThat(rest("198.51.100.1", victim.userId(), TestData.PASSWORD)).as("locked: the right password too")
                .isEqualTo(401);
        assertThat(audit("SIGN_IN_WHILE_LOCKED", "sign-in:" + victim.userId())).hasSize(1);
        ClockUtil.setCurrentTime(Date.from(EngineClock.now().plus(signIn.lockDuration()).minusSeconds(120)));
        assertThat(rest("198.51.100.1", victim.userId(), TestData.PASSWORD)).as("still locked").isEqualTo(401);

        ClockUtil.setCurrentTime(Date.from(EngineClock.now().plusSeconds(120)));
        assertThat(rest("198.51.100.1", victim.userId(), TestData.PASSWORD)).as("healed").isEqualTo(200);
        assertThat(attempts(victim.userId())).isZero();
        assertThat(PartnerBrowser.signInAttempt(port, "default", victim.userId(), TestData.PASSWORD)).isEqualTo(200);

        // after a lock ran out, one wrong password is the first of a new count, not a new lock
        jdbc.sql("update ACT_ID_USER set ATTEMPTS_ = ?, LOCK_EXP_TIME_ = ? where ID_ = ?")
                .params(signIn.maxAttempts(), java.sql.Timestamp.from(EngineClock.now().minusSeconds(1)),
                        victim.userId()).update();
        assertThat(rest("198.51.100.2", victim.userId(), "wrong")).isEqualTo(401);
        assertThat(attempts(victim.userId())).isEqualTo(1);
    }

    @Test
    void anUnknownUserIdIsAuditedAndCountsForTheClient() throws Exception {
        String ghost = TestData.unique("ghost");
        assertThat(rest("203.0.113.77", ghost, "x")).isEqualTo(401);
        assertThat(audit("SIGN_IN_FAILED", "sign-in:" + ghost)).hasSize(1).first().asString()
                .contains("no such user", "203.0.113.77");
        assertThat(rest("203.0.113.77", "eve\u0000\r\nadmin", "x")).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from pc_audit where actor like 'sign-in:eve%' and (actor like ? or actor "
                + "like ?)").params("%" + (char) 0 + "%", "%\n%").query(Long.class).single())
                .as("control characters of a typed id are never stored").isZero();
    }

    @Test
    void anOldSha512PasswordHashBecomesArgon2idAtTheNextSignIn() throws Exception {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        String salt = "c2FsdHNhbHRzYWx0c2FsdA==";
        jdbc.sql("update ACT_ID_USER set PWD_ = ?, SALT_ = ? where ID_ = ?")
                .params("{SHA-512}" + new Sha512HashDigest().encrypt(TestData.PASSWORD + salt), salt, user.userId())
                .update();
        assertThat(storedHash(user.userId())).startsWith("{SHA-512}");

        assertThat(rest("198.51.100.30", user.userId(), "not it")).as("a wrong password upgrades nothing")
                .isEqualTo(401);
        assertThat(storedHash(user.userId())).startsWith("{SHA-512}");
        ClockUtil.setCurrentTime(Date.from(EngineClock.now().plusSeconds(61)));

        assertThat(rest("198.51.100.30", user.userId(), TestData.PASSWORD)).isEqualTo(200);
        assertThat(storedHash(user.userId())).startsWith("{ARGON2ID}$argon2id$v=19$");
        assertThat(jdbc.sql("select SALT_ from ACT_ID_USER where ID_ = ?").param(user.userId()).query(String.class)
                .single()).isNotEqualTo(salt);
        assertThat(identity.checkPassword(user.userId(), TestData.PASSWORD)).isTrue();
        assertThat(identity.checkPassword(user.userId(), TestData.PASSWORD + "x")).isFalse();
    }

    // ---- helpers

    /** A REST API call with HTTP Basic from the client (X-Forwarded-For, trusted from the loopback in tests). */
    private int rest(String from, String userId, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((userId + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/task/count"))
                        .header("Authorization", "Basic " + basic).header("X-Forwarded-For", from)
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** The webapps' login call from the client (without the webapp's CSRF token: the throttle comes first). */
    private int webappLogin(String from, String userId, String password) throws Exception {
        return webappLogin(from, "/camunda/api/admin/auth/user/default/login/tasklist", userId, password);
    }

    private int webappLogin(String from, String path, String userId, String password) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", from)
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + userId + "&password=" + password))
                        .build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private int attempts(String userId) {
        return jdbc.sql("select ATTEMPTS_ from ACT_ID_USER where ID_ = ?").param(userId).query(Integer.class).single();
    }

    private String storedHash(String userId) {
        return jdbc.sql("select PWD_ from ACT_ID_USER where ID_ = ?").param(userId).query(String.class).single();
    }

    private List<String> audit(String action, String actor) {
        return jdbc.sql("select details from pc_audit where action = ? and actor = ? order by id").params(action, actor)
                .query(String.class).list();
    }
}
