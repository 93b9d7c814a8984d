package com.partnercenter.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import java.net.HttpCookie;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The Camunda webapps (Tasklist, Cockpit, Admin under /camunda) keep their CSRF protection: a
 * state-changing call to their API needs the token the webapp handed out (cookie XSRF-TOKEN, bound to
 * the session) echoed in the X-XSRF-TOKEN header. Real HTTP, cookies handled by hand (TestRestTemplate
 * ignores cookies).
 */
@IntegrationTest
class WebappCsrfTest {

    static final String LOGIN = "/camunda/api/admin/auth/user/default/login/tasklist";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    TestData data;

    @Test
    void loginWithoutTheCsrfTokenIsRefused() {
        PartnerUser user = partnerUser();
        ResponseEntity<String> response = post(LOGIN, new HttpHeaders(), credentials(user));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getHeaders().getFirst("X-XSRF-TOKEN")).isEqualTo("Required");
    }

    @Test
    void loginWithTheTokenOfItsSessionSucceeds() {
        PartnerUser user = partnerUser();
        Map<String, String> cookies = freshSession();

        // what the Tasklist page itself does: session cookie + XSRF-TOKEN cookie + the token in the header
        ResponseEntity<String> login = post(LOGIN, withCookies(cookies, cookies.get("XSRF-TOKEN")), credentials(user));
        assertThat(login.getStatusCode()).as(login.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(login.getBody()).contains("\"userId\":\"" + user.userId() + "\"");
        assertThat(cookiesOf(login).get("JSESSIONID")).as("a new session after login (no session fixation)")
                .isNotNull().isNotEqualTo(cookies.get("JSESSIONID"));
    }

    @Test
    void sessionCookieWithoutTheTokenHeaderIsRefused() {
        // a cross-site form post carries the browser's cookies, never the header
        Map<String, String> cookies = freshSession();
        ResponseEntity<String> login = post(LOGIN, withCookies(cookies, null), credentials(partnerUser()));
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(login.getHeaders().getFirst("X-XSRF-TOKEN")).isEqualTo("Required");
    }

    @Test
    void madeUpTokenIsRefused() {
        Map<String, String> cookies = freshSession();
        String forged = "0123456789ABCDEF0123456789ABCDEF";
        Map<String, String> forgedCookies = new LinkedHashMap<>(cookies);
        forgedCookies.put("XSRF-TOKEN", forged); // cookie and header agree, but not with the session
        ResponseEntity<String> login = post(LOGIN, withCookies(forgedCookies, forged), credentials(partnerUser()));
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void tokenWithoutItsSessionIsRefused() {
        Map<String, String> cookies = freshSession();
        String token = cookies.get("XSRF-TOKEN");
        ResponseEntity<String> login = post(LOGIN, withCookies(Map.of("XSRF-TOKEN", token), token),
                credentials(partnerUser()));
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void tokenOfAnotherSessionIsRefused() {
        Map<String, String> victim = freshSession();
        Map<String, String> attacker = freshSession();
        ResponseEntity<String> login = post(LOGIN, withCookies(victim, attacker.get("XSRF-TOKEN")),
                credentials(partnerUser()));
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void wrongPasswordIsRefusedEvenWithAValidToken() {
        PartnerUser user = partnerUser();
        Map<String, String> cookies = freshSession();
        MultiValueMap<String, String> form = credentials(user);
        form.set("password", "wrong-password");
        ResponseEntity<String> login = post(LOGIN, withCookies(cookies, cookies.get("XSRF-TOKEN")), form);
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    // ---------------------------------------------------------------------------------------------

    /** Opens Tasklist like a browser: a new session and its CSRF token. */
    private Map<String, String> freshSession() {
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, String> cookies = cookiesOf(page);
        assertThat(cookies).containsKeys("XSRF-TOKEN", "JSESSIONID");
        assertThat(page.getHeaders().getFirst("X-XSRF-TOKEN")).isEqualTo(cookies.get("XSRF-TOKEN"));
        return cookies;
    }

    private PartnerUser partnerUser() {
        Partner partner = data.partner();
        return data.user(partner, SupportedAccess.FULL);
    }

    private static MultiValueMap<String, String> credentials(PartnerUser user) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user.userId());
        form.add("password", TestData.PASSWORD);
        return form;
    }

    private ResponseEntity<String> post(String path, HttpHeaders headers, MultiValueMap<String, String> form) {
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    private static HttpHeaders withCookies(Map<String, String> cookies, String csrfHeader) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; ")));
        if (csrfHeader != null) {
            headers.add("X-XSRF-TOKEN", csrfHeader);
        }
        return headers;
    }

    private static Map<String, String> cookiesOf(ResponseEntity<?> response) {
        Map<String, String> cookies = new LinkedHashMap<>();
        List<String> setCookies = response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
        for (String header : setCookies) {
            for (HttpCookie cookie : HttpCookie.parse(header)) {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
        return cookies;
    }
}
