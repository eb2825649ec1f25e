package org.undersigned.common;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

/**
 * Who a client is, for every per-client budget (requests in progress, connections, summary streams,
 * rate limits): an IPv4 client is its address; an IPv6 client is its /64 (configurable), since one
 * subscriber is usually given a whole /64 and could otherwise take a new budget with every address.
 * A network, for budgets that a few clients must not fill together, is an IPv4 /24 or an IPv6 /48.
 * Keys stay in memory, or are hashed before they are stored.
 */
@ApplicationScoped
public class ClientKeys {

    static final String UNKNOWN = "unknown";
    private static final int IPV4_NETWORK_BITS = 24;
    private static final int IPV6_NETWORK_BITS = 48;

    private final int ipv6PrefixLength;

    @Inject
    ClientKeys(UndersignedConfig config) {
        this(config.limits().ipv6PrefixLength());
    }

    ClientKeys(int ipv6PrefixLength) {
        if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
            throw new IllegalArgumentException("undersigned.limits.ipv6-prefix-length must be between 1 and 128");
        }
        this.ipv6PrefixLength = ipv6PrefixLength;
    }

    /** The client behind a request (the address the HTTP layer reports, after X-Forwarded-For where that is trusted). */
    public String clientOf(HttpServerRequest request) {
        return clientOf(request.remoteAddress() == null ? null : literal(request.remoteAddress().hostAddress()));
    }

    /** The client behind a socket. */
    public String clientOf(SocketAddress socket) {
        return clientOf(socket instanceof InetSocketAddress inet ? inet.getAddress() : null);
    }

    public String clientOf(InetAddress address) {
        return key(address, ipv6PrefixLength);
    }

    /** The network a request comes from: an IPv4 /24, an IPv6 /48 (or the client's own prefix, when shorter). */
    public String networkOf(HttpServerRequest request) {
        InetAddress address = request.remoteAddress() == null ? null : literal(request.remoteAddress().hostAddress());
        return key(address, Math.min(IPV6_NETWORK_BITS, ipv6PrefixLength), IPV4_NETWORK_BITS);
    }

    /** An IPv4 address as it is; an IPv6 address cut to its first {@code ipv6Bits} bits. */
    static String key(InetAddress address, int ipv6Bits) {
        return key(address, ipv6Bits, 32);
    }

    static String key(InetAddress address, int ipv6Bits, int ipv4Bits) {
        if (address == null) {
            return UNKNOWN;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isIpv4Mapped(bytes)) {
            bytes = new byte[]{bytes[12], bytes[13], bytes[14], bytes[15]};
        }
        boolean v4 = bytes.length == 4;
        int bits = v4 ? ipv4Bits : ipv6Bits;
        byte[] masked = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            masked[i] = (byte) (bytes[i] & (0xff << (8 - keep)));
        }
        try {
            String prefix = InetAddress.getByAddress(masked).getHostAddress();
            return v4 ? (bits == 32 ? prefix : prefix + "/" + bits) : prefix + "/" + bits;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes always make an address", e);
        }
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** A textual address as the HTTP layer gives it (a literal: never a lookup), or null. */
    private static InetAddress literal(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        // only literals reach here; a name would mean a lookup, which must never happen per request
        if (!(host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
