package org.undersigned.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.undersigned.common.ProblemException;
import org.undersigned.common.UndersignedConfig;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;

/**
 * Keeps webhooks from reaching inside: a URL whose host resolves to a loopback, private,
 * link-local, unique-local, multicast or unspecified address (cloud metadata included) is
 * refused, unless the configuration names the host. Checked when subscribing and again before
 * every delivery, since DNS can change in between.
 */
@ApplicationScoped
public class UrlGuard {

    @Inject
    UndersignedConfig config;

    /** The URL if it may be called; otherwise a 400 naming the field. */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.invalid("url", "must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
            throw ProblemException.invalid("url", "must be an absolute http or https URL without credentials");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (allowedHosts().contains(host)) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw ProblemException.invalid("url", "names a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw ProblemException.invalid("url", "points at a loopback, private, link-local or metadata address");
            }
        }
        return uri;
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first == 100 && second >= 64 && second < 128 // carrier-grade NAT
                || first == 192 && second == 0 && (b[2] & 0xff) == 0   // IETF protocol assignments
                || first == 198 && (second == 18 || second == 19)      // benchmarking
                || first >= 240;                                       // reserved, broadcast
    }

    private Set<String> allowedHosts() {
        return config.webhooks().allowedHosts().orElse(List.of()).stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toSet());
    }
}
