package io.traveler.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * 413 for API requests whose body is larger than {@code traveler.api.max-body-bytes}, or for imports ({@code
 * /api/imports/...}) and document uploads ({@code /api/documents...} and a unit's {@code /photos}, whose files have their own smaller limit,
 * {@code traveler.documents.max-file-size}) {@code traveler.api.max-import-bytes}. A declared
 * {@code Content-Length} beyond the limit is refused before anything is read; otherwise the bytes actually read are
 * counted (a chunked body declares no length), and the read that passes the limit throws
 * {@link PayloadTooLargeException}. Whoever was reading may wrap it (Jackson, a copy to disk); it is answered here
 * when it escapes the chain, or by the problem handler when a handler turns it into a response first. Uploads of
 * the import page ({@code /app/imports}, multipart) are parsed by the servlet container from its own stream; its
 * limit ({@code spring.servlet.multipart.max-request-size}, set from the import limit) counts their bytes the same
 * way, and the page answers 413 itself.
 */
public final class BodySizeLimit extends OncePerRequestFilter {
    private final long maxBytes;
    private final long maxImportBytes;
    private final JsonMapper json = JsonMapper.builder().build();

    public BodySizeLimit(long maxBytes, long maxImportBytes) {
        this.maxBytes = maxBytes;
        this.maxImportBytes = maxImportBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RoutedPath.isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = isImport(RoutedPath.of(request)) ? maxImportBytes : maxBytes;
        if (request.getContentLengthLong() > limit) {
            refuse(response, new PayloadTooLargeException(limit));
            return;
        }
        try {
            chain.doFilter(new Counted(request, limit), response);
        } catch (IOException | ServletException | RuntimeException e) {
            PayloadTooLargeException tooLarge = PayloadTooLargeException.in(e);
            if (tooLarge == null || response.isCommitted()) {
                throw e;
            }
            response.reset();
            refuse(response, tooLarge);
        }
    }

    private static boolean isImport(String path) {
        return path.startsWith("/api/imports/")
                || path.startsWith("/api/documents")
                || (path.startsWith("/api/units/") && path.endsWith("/photos"))
                || path.equals("/app/scan/photos");
    }

    private void refuse(HttpServletResponse response, PayloadTooLargeException tooLarge) throws IOException {
        ProblemWriter.write(
                response,
                json,
                HttpStatus.CONTENT_TOO_LARGE,
                Problems.TOO_LARGE,
                Problems.answerTo(tooLarge).title(),
                tooLarge.getMessage(),
                List.of());
    }

    /**
     * The request whose body stream (and reader) throws once more than {@code limit} bytes have been read. The
     * container reads (and drops) what the client still sends, up to {@code server.tomcat.max-swallow-size}, before
     * the answer is complete; beyond that it closes the connection.
     */
    private static final class Counted extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Counted(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream body;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream body, long limit) {
            this.body = body;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
