package org.undersigned.signature.signer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A token from an email: to confirm a signature, or to withdraw it. */
public record TokenRequest(@NotBlank @Size(max = 200) String token) {
}
