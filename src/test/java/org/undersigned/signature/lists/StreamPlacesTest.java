package org.undersigned.signature.lists;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Summary streams' places: per client, per network, in all, and the last tenth for newcomers. */
class StreamPlacesTest {

    @Test
    void noSmallSetOfAddressesTakesEveryPlace() {
        StreamPlaces places = new StreamPlaces(5, 20, 200);
        // 400 addresses in a few networks, 5 streams each, as the attack did: each network stops at its share
        int taken = 0;
        for (int address = 0; address < 400; address++) {
            for (int stream = 0; stream < 5; stream++) {
                if (places.take("10.0." + address / 100 + "." + address % 100, "10.0." + address / 100 + ".0/24") == null) {
                    taken++;
                }
            }
        }
        assertEquals(80, taken, "four networks of 20 streams each");
        // a fresh reader elsewhere still gets a stream
        assertNull(places.take("198.51.100.1", "198.51.100.0/24"));
    }

    @Test
    void refusalsSayWhatTheyAre() {
        StreamPlaces places = new StreamPlaces(2, 3, 20);
        assertNull(places.take("a", "net1"));
        assertNull(places.take("a", "net1"));
        assertEquals(StreamPlaces.Refusal.CLIENT, places.take("a", "net1"));
        assertNull(places.take("b", "net1"));
        assertEquals(StreamPlaces.Refusal.NETWORK, places.take("c", "net1"));
        places.give("a", "net1");
        assertNull(places.take("c", "net1"), "a place given back is free again");
    }

    @Test
    void theLastTenthIsForClientsHoldingNone() {
        StreamPlaces places = new StreamPlaces(2, 1000, 20);
        for (int i = 0; i < 9; i++) {
            assertNull(places.take("client" + i, "net"));
            assertNull(places.take("client" + i, "net"));
        }
        assertEquals(18, places.open());
        // 18 of 20 taken: the last two go to newcomers only
        assertEquals(StreamPlaces.Refusal.FULL, places.take("client0", "net"));
        places.give("client0", "net");
        assertNull(places.take("newcomer1", "net"));
        assertNull(places.take("newcomer2", "net"));
        assertNull(places.take("newcomer3", "net"));
        assertEquals(StreamPlaces.Refusal.FULL, places.take("newcomer4", "net"), "full");
    }
}
