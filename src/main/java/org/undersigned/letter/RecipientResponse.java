package org.undersigned.letter;

import java.util.List;
import java.util.UUID;

public record RecipientResponse(UUID id, int position, String name, String title, String organization,
                                List<String> addressLines, String country) {

    public static RecipientResponse from(Addressee a) {
        return new RecipientResponse(a.id, a.position, a.name, a.title, a.organization, List.copyOf(a.addressLines), a.country);
    }
}
