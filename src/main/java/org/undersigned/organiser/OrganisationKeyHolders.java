package org.undersigned.organiser;

import jakarta.enterprise.context.ApplicationScoped;
import org.undersigned.common.security.ApiKeys;
import org.undersigned.common.security.KeyHolders;
import org.undersigned.common.security.Organiser;
import org.undersigned.common.security.Permission;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Who holds an organisation's key: the organisation, within the letters and permissions the key was given. */
@ApplicationScoped
class OrganisationKeyHolders implements KeyHolders {

    private final OrganisationStore organisations;

    OrganisationKeyHolders(OrganisationStore organisations) {
        this.organisations = organisations;
    }

    @Override
    public String prefix() {
        return ApiKeys.ORGANISATION_KEY_PREFIX;
    }

    @Override
    public Optional<ApiKeys.Identity> holderOf(String keyHash) {
        return organisations.liveKey(keyHash).map(key -> ApiKeys.Identity.organiser(Organiser.key(key.organisationId(), key.id(),
                key.letters() == null ? null : Set.copyOf(key.letters()),
                key.permissions() == null ? null : key.permissions().stream().map(Permission::valueOf).collect(Collectors.toUnmodifiableSet()),
                "key " + key.name())));
    }
}
