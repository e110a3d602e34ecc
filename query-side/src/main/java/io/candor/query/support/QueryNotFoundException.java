package io.candor.query.support;

/** An id the view does not know (including ids that are not well-formed): answered 404. */
public class QueryNotFoundException extends RuntimeException {

    public QueryNotFoundException(String detail) {
        super(detail);
    }
}
