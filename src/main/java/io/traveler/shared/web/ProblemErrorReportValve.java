package io.traveler.shared.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat answers some requests itself before any servlet sees them (an encoded {@code /} or a NUL in the path, a
 * malformed request line) with its own HTML page. Under {@code /api} this valve writes the problem instead; other
 * paths keep Tomcat's page without its report or server version.
 */
final class ProblemErrorReportValve extends ErrorReportValve {
    ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        String uri = request.getCoyoteRequest().requestURI().toString();
        if (status < 400 || response.getContentWritten() > 0 || !ApiErrorController.isApiPath(uri)) {
            super.report(request, response, throwable);
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus httpStatus = HttpStatus.resolve(status);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ApiErrorController.problemJson(httpStatus == null ? HttpStatus.BAD_REQUEST : httpStatus));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response was committed meanwhile: nothing more to say
        }
    }
}
