package org.undersigned.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import org.undersigned.common.ProblemException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.List;

/**
 * Keeps webhooks from reaching inside: a URL whose host resolves to a loopback, private,
 * link-local, unique-local, multicast or unspecified address (cloud metadata included) is
 * refused, unless the configuration names the host. IPv4 written any other way than four plain
 * decimal numbers (octal, hexadecimal, a single integer) is refused, since resolvers read those
 * differently; an IPv6 address that carries an IPv4 one (mapped, compatible, NAT64, 6to4, Teredo)
 * is judged by the IPv4 address inside. Checked when subscribing and again before every delivery,
 * and the delivery then connects to the very address that was checked (no second lookup, so no
 * DNS rebinding in between).
 */
@ApplicationScoped
public class UrlGuard {

    private static final Pattern NUMERIC_HOST = Pattern.compile("^(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*\\.?$");
    private static final Pattern DOTTED_DECIMAL = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");

    private final WebhookConfig webhooksConfig;

    UrlGuard(WebhookConfig webhooksConfig) {
        this.webhooksConfig = webhooksConfig;
    }

    /** A URL that may be called, and the address checked for it, which is the one to connect to. */
    public record Target(URI uri, InetAddress address) {
    }

    /** The URL if it may be called; otherwise a 400 naming the field. */
    public URI check(String url) {
        return resolve(url).uri();
    }

    /** The URL and the one address to call it at; otherwise a 400 naming the field. */
    public Target resolve(String url) {
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
        if (ambiguousNumericHost(host)) {
            throw ProblemException.invalid("url", "names an IPv4 address in a form other than four decimal numbers");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw ProblemException.invalid("url", "names a host that does not resolve");
        }
        if (!allowedHosts().contains(host)) {
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw ProblemException.invalid("url", "points at a loopback, private, link-local or metadata address");
                }
            }
        }
        return new Target(uri, addresses[0]);
    }

    /** A host made of numbers that is not plain dotted decimal ("0177.0.0.1", "0x7f.1", "2130706433"). */
    static boolean ambiguousNumericHost(String host) {
        return NUMERIC_HOST.matcher(host).matches() && !DOTTED_DECIMAL.matcher(host).matches();
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            Inet4Address embedded = embeddedIpv4(b);
            if (embedded != null) {
                return isInternal(embedded);
            }
            // fc00::/7 unique local; ::/8, reserved (spellings of IPv4 such as the translated
            // ::ffff:0:a.b.c.d that no host uses on the internet)
            return (b[0] & 0xfe) == 0xfc || b[0] == 0;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first == 100 && second >= 64 && second < 128 // carrier-grade NAT
                || first == 192 && second == 0 && (b[2] & 0xff) == 0   // IETF protocol assignments
                || first == 198 && (second == 18 || second == 19)      // benchmarking
                || first >= 240;                                       // reserved, broadcast
    }

    /** The IPv4 address an IPv6 one carries, if it carries one. */
    static Inet4Address embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) zeros80 &= b[i] == 0;
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;          // ::ffff:a.b.c.d
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0;                              // ::a.b.c.d
        boolean zeros64 = (b[0] | b[1] | b[2] | b[3] | b[4] | b[5] | b[6] | b[7]) == 0;
        boolean translated = zeros64 && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0; // ::ffff:0:a.b.c.d
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && ((b[4] | b[5] | b[6] | b[7] | b[8] | b[9] | b[10] | b[11]) == 0                // 64:ff9b::/96
                || (b[4] == 0 && (b[5] & 0xff) == 1));                                          // 64:ff9b:1::/48
        try {
            if (mapped || compatible || translated || nat64) {
                return (Inet4Address) InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]});
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {                                // 2002::/16, 6to4
                return (Inet4Address) InetAddress.getByAddress(new byte[]{b[2], b[3], b[4], b[5]});
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {    // 2001::/32, Teredo
                return (Inet4Address) InetAddress.getByAddress(new byte[]{(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]});
            }
        } catch (UnknownHostException e) {
            return null; // four bytes always make an address
        }
        return null;
    }

    private Set<String> allowedHosts() {
        return webhooksConfig.allowedHosts().orElse(List.of()).stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toSet());
    }
}
