package org.undersigned.common;

import io.vertx.core.http.HttpServerRequest;

import java.util.HexFormat;

/** Client addresses are never kept as they are: only as a hash, for limits per client. */
public final class ClientAddresses {

    private ClientAddresses() {
    }

    /** The request's client address, or null when it has none (a literal: never a lookup). */
    public static java.net.InetAddress addressOf(HttpServerRequest request) {
        if (request.remoteAddress() == null || request.remoteAddress().hostAddress() == null) {
            return null;
        }
        try {
            return java.net.InetAddress.getByName(request.remoteAddress().hostAddress());
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** A stable key for the request's client address (after X-Forwarded-For where the proxy is trusted). */
    public static String keyOf(HttpServerRequest request) {
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return HexFormat.of().formatHex(Hashing.sha256(address)).substring(0, 32);
    }
}
