package io.continuum.platform;

/**
 * The plain HTML page a customer's link opens (an e-mail confirmation, a survey): no script, no style sheet,
 * so the strict Content-Security-Policy of those paths holds. The caller escapes what it writes into it.
 */
public final class PublicPage {

    private PublicPage() {
    }

    public static String html(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body><h1>" + title
                + "</h1>" + body + "</body></html>";
    }
}
