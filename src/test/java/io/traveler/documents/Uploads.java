package io.traveler.documents;

import io.traveler.testing.Api;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Multipart uploads and byte downloads for the documents tests (the {@link Api} client speaks JSON only). */
final class Uploads {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    Uploads(int port) {
        this.base = "http://localhost:" + port;
    }

    record Answer(int status, HttpResponse<byte[]> raw) {
        JsonNode json() {
            return Api.parse(new String(raw.body(), StandardCharsets.UTF_8));
        }

        String text(String field) {
            JsonNode node = json().path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }

        UUID id() {
            return UUID.fromString(text("id"));
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + new String(raw.body(), 0, Math.min(raw.body().length, 2000), StandardCharsets.UTF_8);
        }
    }

    /** A multipart form: fields, and the file part named "file" (sent as {@code claimedType}, which must not matter). */
    static final class Form {
        final Map<String, String> fields = new LinkedHashMap<>();
        String fileName = "file.bin";
        String claimedType = "application/octet-stream";
        byte[] file;

        Form field(String name, String value) {
            fields.put(name, value);
            return this;
        }

        Form file(String name, String type, byte[] content) {
            this.fileName = name;
            this.claimedType = type;
            this.file = content;
            return this;
        }
    }

    static Form form() {
        return new Form();
    }

    Answer post(String path, String token, Form form) {
        return post(path, token, form, null);
    }

    Answer post(String path, String token, Form form, String ifMatch) {
        return post(path, token, form, ifMatch, null);
    }

    Answer post(String path, String token, Form form, String ifMatch, String idempotencyKey) {
        String boundary = "----traveler" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        form.fields.forEach((name, value) -> write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                        + "\r\n"));
        if (form.file != null) {
            write(
                    body,
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + form.fileName
                            + "\"\r\nContent-Type: " + form.claimedType + "\r\n\r\n");
            body.writeBytes(form.file);
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real PNG of a few pixels, different for every seed. */
    static byte[] png(int seed) {
        var image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, seed & 0xFFFFFF);
        image.setRGB(3, 3, (seed >>> 8) & 0xFFFFFF);
        var out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** A PNG of {@code size} bytes (its image, then padding) whose content differs by {@code seed}. */
    static byte[] png(int size, int seed) {
        byte[] bytes = new byte[size];
        byte[] png = png(seed);
        System.arraycopy(png, 0, bytes, 0, png.length);
        bytes[size - 1] = (byte) seed;
        return bytes;
    }

    /** A minimal PDF, different for every text. */
    static byte[] pdf(String text) {
        return ("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% " + text + "\ntrailer<</Root 1 0 R>>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
