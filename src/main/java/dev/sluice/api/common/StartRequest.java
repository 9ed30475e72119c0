package dev.sluice.api.common;

import dev.sluice.provider.GenerationRequest;

/** A decoded request to start a generation, with the masking profile it names (or null). */
public record StartRequest(GenerationRequest generation, String maskingProfile) {}
