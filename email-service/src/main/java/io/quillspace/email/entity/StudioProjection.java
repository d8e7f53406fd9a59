package io.quillspace.email.entity;

/**
 * How a studio's emails name it, from its newest studio event: the {@code From} display name (the sender display
 * name, else the studio's name) and the {@code Reply-To} (null for none).
 */
public record StudioProjection(String name, String senderDisplayName, String replyTo, String logoUrl, String status) {

    public static final String SUSPENDED = "suspended";

    /** The display name of the studio's emails' {@code From}. */
    public String displayName() {
        return senderDisplayName != null ? senderDisplayName : name;
    }
}
