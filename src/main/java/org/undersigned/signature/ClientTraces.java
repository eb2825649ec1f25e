package org.undersigned.signature;

import org.undersigned.common.ServerSecret;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What is kept of where a public signature came from: keyed hashes (HMAC with the server's secret)
 * of the client address and of its /24 (IPv4) or /48 (IPv6) range, never the address itself. They
 * let the organiser invalidate by address or range, and go when the signature's personal data does.
 */
public final class ClientTraces {

    private ClientTraces() {
    }

    public static String address(ServerSecret secret, InetAddress address) {
        return secret.hmacHex("client-address", address.getHostAddress());
    }

    public static String range(ServerSecret secret, InetAddress address) {
        byte[] bytes = address.getAddress().clone();
        int keep = bytes.length == 4 ? 3 : 6;
        for (int i = keep; i < bytes.length; i++) {
            bytes[i] = 0;
        }
        try {
            return secret.hmacHex("client-range", InetAddress.getByAddress(bytes).getHostAddress() + "/" + keep * 8);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
