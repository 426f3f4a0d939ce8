package io.github.discountcard.client;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A successful (2xx) WeChat Pay answer whose signature verified, as its exact bytes, for a caller that reads the
 * body itself (see {@link WechatPayApi#exchange(WechatPayRequest)}).
 *
 * @param status the HTTP status, 2xx
 * @param body the exact body bytes that verified (empty for a 204); the array is the caller's to keep
 * @param requestId the {@code Request-ID} header, made printable and capped by {@link UntrustedText#id} (the
 * header is not covered by the signature); {@code null} when absent
 */
public record VerifiedResponse(int status, byte[] body, @Nullable String requestId) {

    public VerifiedResponse {
        requestId = UntrustedText.id(requestId);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof VerifiedResponse that && this.status == that.status
                && Arrays.equals(this.body, that.body) && java.util.Objects.equals(this.requestId, that.requestId);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * this.status + Arrays.hashCode(this.body)) + java.util.Objects.hashCode(this.requestId);
    }

    @Override
    public String toString() {
        return "VerifiedResponse[status=" + this.status + ", " + this.body.length + " bytes, Request-ID "
                + this.requestId + "]";
    }
}
