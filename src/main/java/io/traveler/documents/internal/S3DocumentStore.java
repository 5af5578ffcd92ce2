package io.traveler.documents.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Documents in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage…): {@code traveler.documents.store=s3} with
 * {@code traveler.documents.s3.*}. A key becomes the object {@code <prefix><key>}; the object carries the detected
 * content type, the SHA-256 as user metadata ({@code x-amz-meta-sha256}) and as the upload's checksum, so the
 * store itself refuses bytes that changed on the way.
 */
public final class S3DocumentStore implements DocumentStore {
    /** The connection settings: {@code endpoint} empty = AWS itself; credentials empty = the SDK's default chain. */
    public record Settings(
            String endpoint,
            String region,
            String bucket,
            String prefix,
            String accessKey,
            String secretKey,
            boolean pathStyle) {
        public Settings {
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalStateException(
                        "traveler.documents.s3.bucket is required with traveler.documents.store=s3");
            }
            prefix = prefix == null ? "" : prefix;
            region = region == null || region.isBlank() ? "us-east-1" : region;
        }
    }

    private final S3Client s3;
    private final Settings settings;

    public S3DocumentStore(S3Client s3, Settings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    /** A client over the JDK's HTTP connection (no Netty or Apache client), path-style for most S3-compatibles. */
    public static S3Client client(Settings settings) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        if (settings.accessKey() != null && !settings.accessKey().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    @Override
    public void put(String key, Path file, String mimeType, String sha256) throws IOException {
        try {
            s3.putObject(putRequest(key, mimeType, sha256, Files.size(file)), RequestBody.fromFile(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The object a document's bytes become: where, of what type, and the hash S3 checks and keeps. */
    PutObjectRequest putRequest(String key, String mimeType, String sha256, long size) {
        return PutObjectRequest.builder()
                .bucket(settings.bucket())
                .key(objectKey(key))
                .contentType(mimeType)
                .contentLength(size)
                .checksumSHA256(
                        Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)))
                .metadata(Map.of("sha256", sha256))
                .build();
    }

    GetObjectRequest getRequest(String key) {
        return GetObjectRequest.builder()
                .bucket(settings.bucket())
                .key(objectKey(key))
                .build();
    }

    String objectKey(String key) {
        return settings.prefix() + key;
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(getRequest(key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(objectKey(key));
        }
    }

    @Override
    public String describe() {
        return "s3 " + settings.bucket() + "/" + settings.prefix();
    }
}
