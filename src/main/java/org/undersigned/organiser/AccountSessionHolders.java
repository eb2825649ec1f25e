package org.undersigned.organiser;

import jakarta.enterprise.context.ApplicationScoped;
import org.undersigned.common.security.ApiKeys;
import org.undersigned.common.security.KeyHolders;
import org.undersigned.common.security.Organiser;

import java.time.Clock;
import java.util.Optional;

/** Who holds an organiser's session, while it lasts: its account, named as the account chose. */
@ApplicationScoped
class AccountSessionHolders implements KeyHolders {

    private final AccountStore accounts;
    private final Clock clock;

    AccountSessionHolders(AccountStore accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public String prefix() {
        return ApiKeys.ACCOUNT_SESSION_PREFIX;
    }

    @Override
    public Optional<ApiKeys.Identity> holderOf(String keyHash) {
        return accounts.sessionHolder(keyHash, clock.instant())
                .map(account -> ApiKeys.Identity.organiser(Organiser.account(account.id(), Accounts.display(account))));
    }
}
