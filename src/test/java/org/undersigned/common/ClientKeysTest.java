package org.undersigned.common;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Who a client is for its budgets: an IPv4 address, an IPv6 /64 (configurable); networks are a /24 and a /48. */
class ClientKeysTest {

    private final ClientKeys keys = new ClientKeys(64);

    @Test
    void ipv4ClientsAreTheirAddress() throws Exception {
        assertEquals("203.0.113.7", keys.clientOf(InetAddress.getByName("203.0.113.7")));
        assertNotEquals(keys.clientOf(InetAddress.getByName("203.0.113.7")), keys.clientOf(InetAddress.getByName("203.0.113.8")));
        // an IPv4-mapped IPv6 address is the same IPv4 client
        assertEquals("203.0.113.7", ClientKeys.key(InetAddress.getByAddress(new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff,
                (byte) 0xff, (byte) 203, 0, 113, 7}), 64));
    }

    @Test
    void ipv6ClientsAreTheirSlash64() throws Exception {
        String a = keys.clientOf(InetAddress.getByName("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        String b = keys.clientOf(InetAddress.getByName("2001:db8:1:2::1"));
        String other = keys.clientOf(InetAddress.getByName("2001:db8:1:3::1"));
        assertEquals("2001:db8:1:2:0:0:0:0/64", a);
        assertEquals(a, b, "every address of one /64 is one client");
        assertNotEquals(a, other, "the next /64 is another client");
        // configurable: a /56 takes the /64s inside it together; /128 is every address alone
        assertEquals(new ClientKeys(56).clientOf(InetAddress.getByName("2001:db8:1:2::1")),
                new ClientKeys(56).clientOf(InetAddress.getByName("2001:db8:1:3::1")));
        assertNotEquals(new ClientKeys(128).clientOf(InetAddress.getByName("2001:db8:1:2::1")),
                new ClientKeys(128).clientOf(InetAddress.getByName("2001:db8:1:2::2")));
        assertThrows(IllegalArgumentException.class, () -> new ClientKeys(0));
        assertThrows(IllegalArgumentException.class, () -> new ClientKeys(129));
    }

    @Test
    void networksAreASlash24AndASlash48() throws Exception {
        assertEquals("203.0.113.0/24", ClientKeys.key(InetAddress.getByName("203.0.113.77"), 48, 24));
        assertEquals("2001:db8:1:0:0:0:0:0/48", ClientKeys.key(InetAddress.getByName("2001:db8:1:ffff::1"), 48, 24));
        assertEquals(ClientKeys.UNKNOWN, keys.clientOf((InetAddress) null));
    }
}
