package io.candor.query.support;

/** The view did not reach the awaited position within the wait timeout: answered 503 with Retry-After. */
public class QueryViewBehindException extends RuntimeException {

    public QueryViewBehindException(String detail) {
        super(detail);
    }
}
