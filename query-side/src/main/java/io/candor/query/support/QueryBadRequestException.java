package io.candor.query.support;

/** A query parameter or header the view cannot use: answered 400 with the field at fault. */
public class QueryBadRequestException extends RuntimeException {

    private final String field;

    public QueryBadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
