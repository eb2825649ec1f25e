package org.undersigned.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every spelling of an inside address is one: octal, hexadecimal, integers, and IPv4 carried in IPv6. */
class UrlGuardTest {

    @Test
    void numericHostsOtherThanDottedDecimalAreRefused() {
        for (String host : new String[]{"0177.0.0.1", "0x7f.0.0.1", "0x7f000001", "2130706433", "127.1", "0", "010.0.0.1",
                "127.000.000.001", "127.0.0.1."}) {
            assertTrue(UrlGuard.ambiguousNumericHost(host), host);
        }
        for (String host : new String[]{"127.0.0.1", "93.184.216.34", "example.org", "1e100.net", "campaign.example"}) {
            assertFalse(UrlGuard.ambiguousNumericHost(host), host);
        }
    }

    @Test
    void ipv4InsideIpv6IsJudgedByTheIpv4() throws Exception {
        for (String address : new String[]{"::ffff:127.0.0.1", "::ffff:7f00:1", "::127.0.0.1", "64:ff9b::127.0.0.1",
                "64:ff9b::a9fe:a9fe", "64:ff9b:1::10.0.0.1", "2002:7f00:0001::", "2002:a9fe:a9fe::1",
                "2001:0:4136:e378:8000:63bf:80ff:fffe", "::1", "fd00::1", "fe80::1", "::",
                // IPv4-translated (::ffff:0:a.b.c.d) and the rest of the reserved ::/8
                "::ffff:0:7f00:1", "::ffff:0:127.0.0.1", "::ffff:0:a9fe:a9fe", "::1:0:0:7f00:1", "0:0:0:1::1"}) {
            assertTrue(UrlGuard.isInternal(InetAddress.getByName(address)), address);
        }
        for (String address : new String[]{"::ffff:93.184.216.34", "::ffff:0:5db8:d822", "64:ff9b::5db8:d822", "2606:4700::1111", "93.184.216.34"}) {
            assertFalse(UrlGuard.isInternal(InetAddress.getByName(address)), address);
        }
    }
}
