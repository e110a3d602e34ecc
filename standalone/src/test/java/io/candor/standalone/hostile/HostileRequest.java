package io.candor.standalone.hostile;

import io.candor.standalone.hostile.Endpoints.Endpoint;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One request the property sends: an endpoint of the contract, the method actually used, the ids that fill its
 * path (resolved when it is sent, against the ids the run has created so far), a mangled path or query, headers,
 * a body and what {@code Content-Length} claims about it.
 */
record HostileRequest(Endpoint endpoint, String method, Id candidate, Id opportunity, String round,
                      String pathSuffix, String query, List<String[]> headers, byte[] body, Length length) {

    /** An id in a path: one the run created (of either kind, picked by index), or a literal. */
    record Id(Kind kind, int index, String literal) {

        enum Kind { CANDIDATE, OPPORTUNITY, LITERAL }

        String resolve(List<String> candidates, List<String> opportunities) {
            return switch (kind) {
                case CANDIDATE -> candidates.get(index % candidates.size());
                case OPPORTUNITY -> opportunities.get(index % opportunities.size());
                case LITERAL -> literal;
            };
        }

        @Override
        public String toString() {
            return kind == Kind.LITERAL ? "'" + abbreviate(literal) + "'" : kind + "#" + index;
        }
    }

    /** What {@code Content-Length} says: the truth, nothing, less, more, or something that is no number. */
    enum Length {
        EXACT, NONE, SHORTER, LONGER, GARBAGE;

        String header(int actual) {
            return switch (this) {
                case EXACT -> String.valueOf(actual);
                case NONE -> null;
                case SHORTER -> String.valueOf(actual / 2);
                case LONGER -> String.valueOf(actual + 17);
                case GARBAGE -> "12abc";
            };
        }
    }

    String target(List<String> candidates, List<String> opportunities) {
        return endpoint.template()
                .replace("{c}", candidate.resolve(candidates, opportunities))
                .replace("{o}", opportunity.resolve(candidates, opportunities))
                .replace("{r}", round)
                + pathSuffix + query;
    }

    /** The endpoint was asked as the contract describes it: its own method and path. */
    boolean asDesigned() {
        return method.equals(endpoint.method()) && pathSuffix.isEmpty();
    }

    String header(String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return method + " " + endpoint.template() + " c=" + candidate + " o=" + opportunity + " r='"
                + abbreviate(round) + "' suffix='" + abbreviate(pathSuffix) + "' query='" + abbreviate(query)
                + "' headers=" + headers.stream().map(h -> h[0] + ": " + abbreviate(h[1]))
                .collect(Collectors.joining("; ", "[", "]"))
                + " length=" + length + " body(" + body.length + ")='"
                + abbreviate(new String(body, StandardCharsets.UTF_8)) + "'";
    }

    static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + ")" : text;
    }
}
