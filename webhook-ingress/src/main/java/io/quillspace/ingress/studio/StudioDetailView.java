package io.quillspace.ingress.studio;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quillspace.ingress.entity.Studio;

import java.util.List;

/**
 * A studio as its detail views show it: the studio's fields and its history, oldest change first (created, updated
 * with the fields it changed, suspended, resumed, deleted), each with who made it.
 */
public record StudioDetailView(@JsonUnwrapped StudioResource.StudioView studio, List<StudioHistory.Entry> history) {

    static StudioDetailView of(Studio studio, List<StudioHistory.Entry> history) {
        return new StudioDetailView(StudioResource.StudioView.of(studio), history);
    }
}
