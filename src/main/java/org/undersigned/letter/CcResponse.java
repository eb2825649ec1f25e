package org.undersigned.letter;

import java.util.UUID;

public record CcResponse(UUID id, int position, String name, String title, String organization) {

    static CcResponse from(Addressee a) {
        return new CcResponse(a.id, a.position, a.name, a.title, a.organization);
    }
}
