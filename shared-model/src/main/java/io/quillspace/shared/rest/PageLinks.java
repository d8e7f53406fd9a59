package io.quillspace.shared.rest;

import jakarta.ws.rs.core.UriInfo;

import java.net.URI;

/** Links between the pages of a paged list answer ({@code {items, page, size, total, next}}). */
public final class PageLinks {

    private PageLinks() {
    }

    /** The path and query of the page after {@code page}, the request's other parameters kept; null on the last page. */
    public static String next(UriInfo request, int page, int size, long total) {
        if ((long) (page + 1) * size >= total) {
            return null;
        }
        URI next = request.getRequestUriBuilder().replaceQueryParam("page", page + 1).replaceQueryParam("size", size)
                .build();
        return next.getRawPath() + "?" + next.getRawQuery();
    }
}
