package dev.sluice.provider;

/**
 * A tool call the assistant made in an earlier turn, sent back upstream with the conversation.
 *
 * @param arguments the arguments as the JSON text the model produced
 */
public record ToolCall(String id, String name, String arguments) {}
