package org.undersigned.organiser;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long organisers' secrets last, under {@code undersigned.organisers.*}. */
@ConfigMapping(prefix = "undersigned.organisers")
public interface OrganisersConfig {

    /** How long an emailed sign-in link can be spent (once). */
    @WithDefault("PT15M")
    Duration linkTtl();

    /** How long a session from a sign-in link lasts. */
    @WithDefault("PT12H")
    Duration sessionTtl();

    /** How long an invitation to an organisation can be accepted. */
    @WithDefault("P7D")
    Duration invitationTtl();
}
