package io.quillspace.email.template;

import io.quillspace.email.entity.StudioProjection;

import java.util.Optional;

/**
 * What every template may show as {@code studio}: the studio's name and its logo's URL, each null when unknown (before
 * the studio's first event arrives, or a studio without a logo). Only an https URL is offered as the logo.
 */
public record StudioView(String name, String logoUrl) {

    static final StudioView UNKNOWN = new StudioView(null, null);

    public static StudioView of(Optional<StudioProjection> studio) {
        return studio.map(known -> new StudioView(known.name(),
                known.logoUrl() != null && known.logoUrl().startsWith("https://") ? known.logoUrl() : null))
                .orElse(UNKNOWN);
    }
}
