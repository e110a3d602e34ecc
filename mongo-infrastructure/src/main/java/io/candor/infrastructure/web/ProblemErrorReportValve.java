package io.candor.infrastructure.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's error report, for what it refuses before the application sees the request (a path with an invalid
 * escape or character, headers over the size limit, an {@code Expect} or {@code Transfer-Encoding} it does not
 * support): the status with a problem+json body instead of Tomcat's HTML page. It writes only where nothing was
 * written yet, and shows nothing of a failure. {@link ProblemWebConfiguration} installs it on both sides.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String errors = status == 400
                ? ",\"errors\":[{\"field\":\"request\",\"message\":\"is malformed\"}]" : "";
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + title + ".\"" + errors + "}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // The client is gone or the response was committed meanwhile: nothing more to tell.
        }
    }
}
