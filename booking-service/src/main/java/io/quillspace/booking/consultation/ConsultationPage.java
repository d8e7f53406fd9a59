package io.quillspace.booking.consultation;

import java.util.List;

/**
 * One page of consultations, newest start first.
 *
 * @param total how many consultations match the filters in all
 * @param next  the path and query of the next page, or null on the last page
 */
public record ConsultationPage(List<ConsultationView> items, int page, int size, long total, String next) {
}
