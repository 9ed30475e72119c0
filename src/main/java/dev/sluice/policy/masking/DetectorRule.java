package dev.sluice.policy.masking;

/** One detector of a profile and the action taken on what it finds. */
public record DetectorRule(Detector detector, MaskingAction action) {}
