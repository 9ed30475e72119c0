package dev.sluice.session;

import dev.sluice.provider.GenerationRequest;
import dev.sluice.stream.StreamOwner;

/**
 * A generation a transport wants started, after admission.
 *
 * @param requestedMasking the profile the request itself named, or null (a session's profile then applies)
 * @param maskingProfile   the profile outside a session: the request's, else the key's, else null (the default)
 * @param keyId            the caller's key, or null in open mode
 */
public record GenerationStart(GenerationRequest request, String requestedMasking, String maskingProfile,
                              StreamOwner owner, String keyId) {}
