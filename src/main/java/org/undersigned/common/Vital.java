package org.undersigned.common;

/**
 * A worker the service cannot do without (a signature writer, the webhook dispatcher, the mail
 * sender, the summary pusher). When one has died the instance still answers but no longer does its
 * job, so liveness goes DOWN ({@link VitalWorkersCheck}) and the orchestrator restarts it.
 */
public interface Vital {

    /** What the worker is, as the health check names it. */
    String name();

    /** False once the worker has died (not while it is stopping with the service). */
    boolean alive();
}
