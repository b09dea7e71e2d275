package io.continuum.connectors.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuotedTextTest {

    @Test
    void cutsAppleMailQuoteAndGmailAttribution() {
        assertThat(QuotedText.strip("Hello\n> On 22 Aug 2015, at 19:21, Adam Renberg <tgwizard@gmail.com> wrote:\n>\n> Hi there!\n"))
                .isEqualTo("Hello");
        assertThat(QuotedText.strip("Thanks!\n\nOn Mon, Apr 2, 2012 at 5:44 PM, Bob <bob@example.com> wrote:\n> Hi\n"))
                .isEqualTo("Thanks!");
    }

    @Test
    void cutsOutlookAndYahooOriginalMessageBlocksAndSignatures() {
        assertThat(QuotedText.strip("Hello\n\n\n----- Original Message -----\nFrom: bob\nSubject: Test\n\nHi")).isEqualTo("Hello");
        assertThat(QuotedText.strip("See you\n-- \nJane Doe\nACME Corp")).isEqualTo("See you");
        assertThat(QuotedText.strip("Fine.\n\nSent from my iPhone")).isEqualTo("Fine.");
    }

    @Test
    void keepsAMessageThatIsOnlyAQuote() {
        assertThat(QuotedText.strip("> forwarded words\n> more")).isEqualTo("> forwarded words\n> more");
    }

    @Test
    void htmlBecomesTextWithoutScriptsStylesOrMarkup() {
        String text = HtmlText.toText("<html><head><style>p{color:red}</style></head><body><p>Hello <b>there</b></p>"
                + "<script>alert(1)</script><p>Line&nbsp;two &amp; more</p></body></html>");
        assertThat(text).isEqualTo("Hello there\nLine\u00a0two & more");
    }
}
