package dev.sluice.api.common;

import dev.sluice.security.Principal;
import dev.sluice.security.StreamAdmission;
import dev.sluice.session.GenerationStart;

/** What every transport hands {@code SessionStreams.start} once a request was admitted. */
public final class GenerationStarts {

    private GenerationStarts() {}

    public static GenerationStart of(StartRequest request, StreamAdmission.Admitted admitted, Principal principal) {
        return new GenerationStart(admitted.request(), request.maskingProfile(), admitted.maskingProfile(),
                admitted.owner(), principal.keyId());
    }
}
