package io.traveler.documents.internal;

import io.traveler.shared.errors.TravelerException;

/**
 * 413: the organization's stored documents and this file together pass {@code
 * traveler.documents.max-stored-bytes-per-organization}. Deleting documents does not make room (their bytes are
 * retained); the operator raises the limit.
 */
public class DocumentStorageFull extends TravelerException {
    DocumentStorageFull(long stored, long size, long limit) {
        super(
                Kind.TOO_LARGE,
                "Your organization's documents take " + megabytes(stored) + " MB of the " + megabytes(limit)
                        + " MB it may store, and this file (" + megabytes(size) + " MB) does not fit; ask the"
                        + " operator of this Traveler to raise the limit");
    }

    private static long megabytes(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
