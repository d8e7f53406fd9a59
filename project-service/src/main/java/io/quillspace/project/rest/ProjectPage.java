package io.quillspace.project.rest;

import java.util.List;

/**
 * One page of projects, newest first.
 *
 * @param total how many projects match the filter in all
 * @param next  the path and query of the next page, or null on the last page
 */
public record ProjectPage(List<ProjectSummary> items, int page, int size, long total, String next) {
}
