package org.undersigned.organiser;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.undersigned.common.security.LetterRole;
import org.undersigned.common.security.Organisers;
import org.undersigned.letter.LetterDirectory;
import org.undersigned.letter.LetterFacts;
import org.undersigned.letter.LetterStatus;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The access policy's questions about organisers, answered from this module's tables; each in the caller's transaction, or one of its own. */
@ApplicationScoped
class OrganiserDirectory implements Organisers {

    private final OrganisationStore organisations;
    private final GrantStore grants;
    private final LetterDirectory letters;

    OrganiserDirectory(OrganisationStore organisations, GrantStore grants, LetterDirectory letters) {
        this.organisations = organisations;
        this.grants = grants;
        this.letters = letters;
    }

    @Override
    public boolean exists(UUID organisationId) {
        return QuarkusTransaction.joiningExisting().call(() -> organisations.exists(organisationId));
    }

    @Override
    public Set<UUID> organisationsOf(UUID accountId) {
        return QuarkusTransaction.joiningExisting().call(() -> organisations.organisationsOf(accountId));
    }

    @Override
    public Optional<Standing> standing(String letterKey, Set<UUID> organisationIds) {
        return QuarkusTransaction.joiningExisting().call(() -> letters.byKey(letterKey).map(letter -> standing(letter, organisationIds)));
    }

    @Override
    public Optional<Standing> standing(UUID letterId, Set<UUID> organisationIds) {
        return QuarkusTransaction.joiningExisting().call(() -> letters.facts(letterId).map(letter -> standing(letter, organisationIds)));
    }

    private Standing standing(LetterFacts letter, Set<UUID> organisationIds) {
        return new Standing(letter.id(), letter.status() == LetterStatus.DRAFT, grants.held(letter.id(), organisationIds));
    }

    @Override
    public Set<UUID> lettersWhere(Set<UUID> organisationIds, Set<LetterRole> roles) {
        return QuarkusTransaction.joiningExisting().call(() -> grants.lettersWhere(organisationIds, roles));
    }
}
