package com.partnercenter.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is asking, for the rate limits: the TCP peer's address, or, when the peer is one of the configured trusted
 * reverse proxies ({@code partner-center.rate-limits.trusted-proxies}), the right-most address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy. {@code X-Forwarded-For} is never believed by default,
 * since any client can send it.
 */
@Component
public class ClientAddresses {

    static final String HEADER = "X-Forwarded-For";

    /** One trusted range: a network address and a prefix length (a single address has the full length). */
    record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = address.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .shiftRight(prefix).not().and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    private final List<Range> trusted;

    public ClientAddresses(RateLimitSettings settings) {
        this.trusted = new ArrayList<>();
        for (String entry : settings.trustedProxies()) {
            if (!entry.isBlank()) {
                trusted.add(range(entry.trim()));
            }
        }
    }

    /** The client of the request. */
    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (var values = request.getHeaders(HEADER); values != null && values.hasMoreElements(); ) {
            for (String hop : values.nextElement().split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        // right to left: the first hop that is not one of our proxies is the client as our proxies saw it
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (parse(hop).isEmpty()) {
                return peer; // a forged or garbled header: the proxy that sent it is the client
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** The client of the current request of this thread, if the thread serves one. */
    public Optional<String> current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return Optional.of(of(attributes.getRequest()));
        }
        return Optional.empty();
    }

    boolean isTrusted(String address) {
        Optional<byte[]> bytes = parse(address);
        return bytes.isPresent() && trusted.stream().anyMatch(r -> r.contains(bytes.get()));
    }

    static Range range(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        byte[] network = parse(host).orElseThrow(() -> new IllegalArgumentException(
                "partner-center.rate-limits.trusted-proxies: '" + entry + "' is not an IP address or CIDR range"));
        int prefix = network.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("partner-center.rate-limits.trusted-proxies: '" + entry
                        + "' has no valid prefix length");
            }
        }
        return new Range(network, prefix);
    }

    /** A literal IPv4 or IPv6 address (never a host name: nothing is looked up). */
    static Optional<byte[]> parse(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        boolean literal = a.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")
                || a.contains(":") && a.matches("[0-9A-Fa-f:.]+");
        if (!literal) {
            return Optional.empty();
        }
        try {
            byte[] bytes = InetAddress.getByName(a).getAddress();
            if (bytes.length == 16 && isMappedIpv4(bytes)) {
                return Optional.of(java.util.Arrays.copyOfRange(bytes, 12, 16));
            }
            return Optional.of(bytes);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isMappedIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
