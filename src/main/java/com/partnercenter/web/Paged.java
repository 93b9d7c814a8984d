package com.partnercenter.web;

import java.util.List;

/**
 * One page of a list that pages (the customers, the invitations): its rows, how many match in all — counted up to a
 * cap, then {@code capped} ("more than") —, which page (from 0) of which size. The one paging arithmetic of the
 * pages; {@link Pager} turns it into the links of the pages' paging fragment.
 */
public record Paged<T>(List<T> rows, long total, boolean capped, int page, int size) {

    public Paged {
        rows = List.copyOf(rows);
        if (size < 1 || page < 0 || total < 0) {
            throw new IllegalArgumentException("a page has a size of at least 1, a page number and a total from 0");
        }
    }

    /** A page of a list counted in full. */
    public static <T> Paged<T> of(List<T> rows, long total, int page, int size) {
        return new Paged<>(rows, total, false, page, size);
    }

    /** A page of a list counted up to {@code cap} matches ({@code counted} may be one more: then "more than"). */
    public static <T> Paged<T> capped(List<T> rows, long counted, long cap, int page, int size) {
        return new Paged<>(rows, Math.min(counted, cap), counted > cap, page, size);
    }

    /** How many pages (at least one, even for no rows). */
    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    /** The first row of page {@code page} of {@code size} rows (a query's offset). */
    public static long offset(int page, int size) {
        return (long) page * size;
    }

    /** The page a request asks for: a whole number from 0 to {@code last}; anything else is the first page. */
    public static int number(String text, int last) {
        if (text == null) {
            return 0;
        }
        try {
            return Math.max(0, Math.min(Integer.parseInt(text.trim()), last));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
