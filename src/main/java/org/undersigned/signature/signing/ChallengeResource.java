package org.undersigned.signature.signing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.undersigned.letter.LetterService;

/** The proof-of-work challenge a public signer solves before signing a letter that asks for one. */
@Path("/v1/letters/{letter}/challenge")
@Produces(MediaType.APPLICATION_JSON)
public class ChallengeResource {

    private final LetterService letters;
    private final SigningChallenges challenges;

    ChallengeResource(LetterService letters, SigningChallenges challenges) {
        this.letters = letters;
        this.challenges = challenges;
    }

    @GET
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public SigningChallenges.ChallengeResponse challenge(@PathParam("letter") String letter) {
        return challenges.issue(letters.signableSnapshot(letter));
    }
}
