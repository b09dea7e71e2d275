package io.continuum.connectors.email;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the receiving server's {@code Authentication-Results} headers (RFC 8601). A sender whose
 * DMARC, DKIM or SPF check failed may be forged, so the address is only a claim. The headers can
 * only make a sender less trusted, never more: a forger who adds "pass" gains nothing.
 */
public final class AuthenticationResults {

    private static final Pattern FAILED = Pattern.compile("(?:^|[;\\s])(dmarc|dkim|spf)\\s*=\\s*fail\\b");

    private AuthenticationResults() {
    }

    /** Whether any of the headers (null when there are none) reports dmarc=fail, dkim=fail or spf=fail. */
    public static boolean anyFailed(String[] headers) {
        if (headers == null) {
            return false;
        }
        for (String header : headers) {
            if (header != null && FAILED.matcher(header.toLowerCase(Locale.ROOT)).find()) {
                return true;
            }
        }
        return false;
    }
}
