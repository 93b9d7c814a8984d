package com.partnercenter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

    private static MockHttpServletRequest from(String peer, String... forwarded) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (String f : forwarded) {
            request.addHeader("X-Forwarded-For", f);
        }
        return request;
    }

    private static ClientAddresses trusting(String... proxies) {
        return new ClientAddresses(new RateLimitSettings(List.of(proxies), null, Map.of(), null));
    }

    @Test
    void xForwardedForIsNeverBelievedByDefault() {
        ClientAddresses clients = trusting();
        assertThat(clients.of(from("198.51.100.4", "203.0.113.9"))).isEqualTo("198.51.100.4");
        assertThat(clients.of(from("127.0.0.1", "203.0.113.9"))).as("not even from the loopback").isEqualTo("127.0.0.1");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightMostAddressThatIsNoProxy() {
        ClientAddresses clients = trusting("10.0.0.0/8", "192.0.2.1");
        // a client may write anything at the left of the header: only what our proxies appended counts
        assertThat(clients.of(from("10.1.2.3", "1.1.1.1, 203.0.113.9, 192.0.2.1"))).isEqualTo("203.0.113.9");
        assertThat(clients.of(from("10.1.2.3", "1.1.1.1", "203.0.113.9"))).as("several header lines")
                .isEqualTo("203.0.113.9");
        assertThat(clients.of(from("10.1.2.3"))).as("no header: the proxy").isEqualTo("10.1.2.3");
        assertThat(clients.of(from("10.1.2.3", "not-an-address"))).as("garbled: the proxy").isEqualTo("10.1.2.3");
        assertThat(clients.of(from("10.1.2.3", "1.2.3.999"))).as("never looked up as a host name").isEqualTo("10.1.2.3");
        assertThat(clients.of(from("198.51.100.4", "203.0.113.9"))).as("a peer that is no proxy")
                .isEqualTo("198.51.100.4");
    }

    @Test
    void ipv6RangesAndMappedAddresses() {
        ClientAddresses clients = trusting("2001:db8::/32");
        assertThat(clients.of(from("2001:db8::1", "2001:db9::7"))).isEqualTo("2001:db9::7");
        assertThat(trusting("127.0.0.1").isTrusted("::ffff:127.0.0.1")).isTrue();
        assertThat(trusting("10.0.0.0/8").isTrusted("11.0.0.1")).isFalse();
    }

    @Test
    void aBadTrustedProxySettingStopsTheStart() {
        assertThatThrownBy(() -> trusting("proxy.example")).hasMessageContaining("not an IP address or CIDR range");
        assertThatThrownBy(() -> trusting("10.0.0.0/33")).hasMessageContaining("prefix length");
    }
}
