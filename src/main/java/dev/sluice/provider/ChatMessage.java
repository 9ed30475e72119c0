package dev.sluice.provider;

/** One turn of a conversation as sent upstream. Roles: system, developer, user, assistant, tool. */
public record ChatMessage(String role, String content) {
    public static ChatMessage user(String content) { return new ChatMessage("user", content); }
    public static ChatMessage system(String content) { return new ChatMessage("system", content); }
}
