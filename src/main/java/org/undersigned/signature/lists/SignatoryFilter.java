package org.undersigned.signature.lists;

import org.undersigned.signature.SignatureKind;
import jakarta.ws.rs.QueryParam;
import org.undersigned.common.Query;

/** The filters and order of the public list of signatories, parsed at the door. */
public record SignatoryFilter(@QueryParam("kind") SignatureKind kind, @QueryParam("country") Query.Country country,
                              @QueryParam("q") Query.Search q, @QueryParam("order") Order order) {

    /** How the list is sorted: by name as letters list signatories (the default), or by signing time. */
    public enum Order implements Query.Named {
        NAME("name"), SIGNED_AT("signed_at");

        private final String wireName;

        Order(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }

    boolean byName() {
        return order == null || order == Order.NAME;
    }
}
