package org.undersigned.campaign;

import org.undersigned.signature.SignRequest;
import org.undersigned.signature.signing.SigningService;
import org.undersigned.letter.LetterDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.undersigned.common.security.Access;
import org.undersigned.letter.CreateLetterRequest;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.LetterTransition;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.undersigned.common.security.LetterRole;
import org.undersigned.organiser.GrantRequests;
import org.undersigned.organiser.LetterGrants;
import org.undersigned.organiser.OrganisationRequests;
import org.undersigned.organiser.Organisations;

/**
 * Loads the demo letter (bin/run and dev mode only) so that a new user has something to read,
 * sign and render. Its facts follow a real joint letter; its body is the project's own.
 */
@ApplicationScoped
public class DemoLetterLoader {

    private static final Logger LOG = Logger.getLogger(DemoLetterLoader.class);
    public static final String RESOURCE = "/demo/joint-letter.json";
    static final String SIGNATURES_RESOURCE = "/demo/joint-letter-signatures.json";

    /** The example's signatories, with the summary sentence they add up to. */
    public record DemoSignatures(String note, List<SignRequest> signatures, String summarySentence) {
    }

    /** The demo's organisations: the letter's owner and a partner, both among the example's signatories. */
    static final String LEAD = "Transitional Justice Working Group";
    static final String PARTNER = "Citizens' Alliance for North Korean Human Rights";

    private final Organisations organisations;
    private final LetterGrants grants;
    private final DemoConfig demoConfig;
    private final LetterDirectory letterFacts;
    private final LetterService letters;
    private final SigningService signing;
    private final Access access;
    private final ObjectMapper json;

    DemoLetterLoader(DemoConfig demoConfig, LetterService letters, SigningService signing, Access access, ObjectMapper json, LetterDirectory letterFacts,
                     Organisations organisations, LetterGrants grants) {
        this.organisations = organisations;
        this.grants = grants;
        this.demoConfig = demoConfig;
        this.letterFacts = letterFacts;
        this.letters = letters;
        this.signing = signing;
        this.access = access;
        this.json = json;
    }

    @ActivateRequestContext
    void load(@Observes StartupEvent event) throws IOException {
        if (!demoConfig.enabled()) {
            return;
        }
        CreateLetterRequest demo;
        try (InputStream in = DemoLetterLoader.class.getResourceAsStream(RESOURCE)) {
            demo = json.readValue(in, CreateLetterRequest.class);
        }
        if (letterFacts.byKey(demo.slug()).isPresent()) {
            return;
        }
        access.actAsAdmin();
        // the letter belongs to the coalition's lead, and one member NGO gathers signatures for it as a partner
        UUID lead = organisations.create(new OrganisationRequests.Create(LEAD)).id();
        UUID partner = organisations.create(new OrganisationRequests.Create(PARTNER)).id();
        letters.create(demo.forOrganisation(lead));
        grants.put(demo.slug(), partner.toString(), new GrantRequests.Grant(LetterRole.PARTNER, false));
        letters.transition(demo.slug(), LetterTransition.PUBLISH, null);
        DemoSignatures demoSignatures;
        try (InputStream in = DemoLetterLoader.class.getResourceAsStream(SIGNATURES_RESOURCE)) {
            demoSignatures = json.readValue(in, DemoSignatures.class);
        }
        demoSignatures.signatures().forEach(signature -> signing.sign(demo.slug(), signature, null, null).toCompletableFuture().join());
        LOG.infof("Demo letter loaded: /v1/letters/%s", demo.slug());
    }
}
