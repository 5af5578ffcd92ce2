package io.traveler.shared.jpa;

import io.traveler.shared.errors.StaleVersionException;
import io.traveler.shared.errors.VersionRequiredException;
import java.util.Arrays;
import java.util.List;

/**
 * The version a change is based on: what the client read (the ETag it sends back in {@code If-Match}, or the
 * version a form carried). A change must name it ({@link #require}: none is 428, another is 412); an action
 * checks it only when it was given ({@link #checkIfGiven}). The version check is the early answer; the
 * {@code @Version} column is the guarantee when two changes pass it at once.
 */
public final class ExpectedVersion {
    private static final ExpectedVersion NONE = new ExpectedVersion(false, List.of());
    private static final ExpectedVersion ANY = new ExpectedVersion(true, List.of());

    private final boolean any;
    private final List<String> tags;

    private ExpectedVersion(boolean any, List<String> tags) {
        this.any = any;
        this.tags = tags;
    }

    /** The client based its change on nothing. */
    public static ExpectedVersion none() {
        return NONE;
    }

    /** The client accepts whatever version is current ({@code If-Match: *}). */
    public static ExpectedVersion any() {
        return ANY;
    }

    public static ExpectedVersion of(long version) {
        return new ExpectedVersion(false, List.of(tag(version)));
    }

    /** The version a form carried in its hidden field; none when the form carried none. */
    public static ExpectedVersion ofNullable(Long version) {
        return version == null ? NONE : of(version);
    }

    /**
     * An {@code If-Match} value: {@code *}, or a list of entity tags, weak ones (W/) compared as strong. A
     * tag that is not one of our versions matches no version.
     */
    public static ExpectedVersion parse(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return NONE;
        }
        if (ifMatch.trim().equals("*")) {
            return ANY;
        }
        return new ExpectedVersion(
                false,
                Arrays.stream(ifMatch.split(","))
                        .map(String::trim)
                        .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                        .toList());
    }

    /** The entity tag of a version, as ETag and If-Match carry it. */
    public static String tag(long version) {
        return "\"" + version + "\"";
    }

    public boolean isGiven() {
        return any || !tags.isEmpty();
    }

    /** For changes (PUT, PATCH, DELETE and the forms that do them): the version must be given and current. */
    public void require(long current) {
        if (!isGiven()) {
            throw new VersionRequiredException();
        }
        checkIfGiven(current);
    }

    /** For actions: a version given must be current; none given is no objection. */
    public void checkIfGiven(long current) {
        if (!isGiven() || any || tags.contains(tag(current))) {
            return;
        }
        throw new StaleVersionException("The resource has changed (current ETag " + tag(current) + "); read it again");
    }

    @Override
    public String toString() {
        return any ? "*" : String.join(", ", tags);
    }
}
