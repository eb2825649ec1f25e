package org.undersigned.signature.lists;

import java.util.HashMap;
import java.util.Map;

/**
 * The places for summary streams on one instance: at most so many a client, so many a network and so
 * many in all, the last tenth kept for clients holding none. So a few hundred addresses cannot fill
 * the instance, and a new reader still gets a place while others hold many.
 */
final class StreamPlaces {

    /** Why a place was refused. */
    enum Refusal { CLIENT, NETWORK, FULL }

    private final int perClient;
    private final int perNetwork;
    private final int max;
    private final int reserved;
    private final Map<String, Integer> byClient = new HashMap<>();
    private final Map<String, Integer> byNetwork = new HashMap<>();
    private int open;

    StreamPlaces(int perClient, int perNetwork, int max) {
        this.perClient = perClient;
        this.perNetwork = perNetwork;
        this.max = max;
        this.reserved = max / 10;
    }

    /** Takes a place for the client, or says why there is none. */
    synchronized Refusal take(String client, String network) {
        int held = byClient.getOrDefault(client, 0);
        if (open >= max || (held > 0 && open >= max - reserved)) {
            return Refusal.FULL;
        }
        if (held >= perClient) {
            return Refusal.CLIENT;
        }
        if (byNetwork.getOrDefault(network, 0) >= perNetwork) {
            return Refusal.NETWORK;
        }
        byClient.merge(client, 1, Integer::sum);
        byNetwork.merge(network, 1, Integer::sum);
        open++;
        return null;
    }

    /** Gives a place back. */
    synchronized void give(String client, String network) {
        byClient.computeIfPresent(client, (c, n) -> n > 1 ? n - 1 : null);
        byNetwork.computeIfPresent(network, (c, n) -> n > 1 ? n - 1 : null);
        open--;
    }

    synchronized int open() {
        return open;
    }
}
