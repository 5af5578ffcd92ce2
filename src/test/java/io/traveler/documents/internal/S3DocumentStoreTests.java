package io.traveler.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The S3 store's mapping of a document to an object (no S3 is reachable here, so the requests it would send are
 * checked, and the client is built as configuration would build it, without a call).
 */
class S3DocumentStoreTests {
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final S3DocumentStore.Settings settings = new S3DocumentStore.Settings(
            "http://127.0.0.1:9000", "eu-central-1", "traveler-docs", "prod/", "key", "secret", true);
    private final S3DocumentStore store = new S3DocumentStore(S3DocumentStore.client(settings), settings);

    @Test
    void aDocumentBecomesAnObjectUnderThePrefixWithItsTypeAndHash() {
        var put = store.putRequest("org-1/9f/" + SHA, "application/pdf", SHA, 1234);

        assertThat(put.bucket()).isEqualTo("traveler-docs");
        assertThat(put.key()).isEqualTo("prod/org-1/9f/" + SHA);
        assertThat(put.contentType()).isEqualTo("application/pdf");
        assertThat(put.contentLength()).isEqualTo(1234);
        assertThat(put.metadata()).containsEntry("sha256", SHA);
        assertThat(Base64.getDecoder().decode(put.checksumSHA256()))
                .isEqualTo(HexFormat.of().parseHex(SHA));
    }

    @Test
    void aDownloadAsksForTheSameObject() {
        var get = store.getRequest("org-1/9f/" + SHA);
        assertThat(get.bucket()).isEqualTo("traveler-docs");
        assertThat(get.key()).isEqualTo("prod/org-1/9f/" + SHA);
    }

    @Test
    void theClientTalksToTheConfiguredEndpointPathStyle() {
        var client = S3DocumentStore.client(settings);
        assertThat(client.serviceClientConfiguration().endpointOverride())
                .hasValueSatisfying(uri -> assertThat(uri.toString()).isEqualTo("http://127.0.0.1:9000"));
        assertThat(client.serviceClientConfiguration().region().id()).isEqualTo("eu-central-1");
        client.close();
    }

    @Test
    void aBucketIsRequired() {
        assertThatThrownBy(() -> new S3DocumentStore.Settings(null, null, " ", null, null, null, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("traveler.documents.s3.bucket");
    }
}
