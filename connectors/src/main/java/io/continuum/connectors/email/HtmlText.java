package io.continuum.connectors.email;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/** HTML mail made safe: reduced to plain text (scripts, styles, links' targets and markup gone). */
final class HtmlText {

    private HtmlText() {
    }

    static String toText(String html) {
        Document.OutputSettings keepLines = new Document.OutputSettings().prettyPrint(false);
        // block ends become line breaks before the markup is dropped, so paragraphs stay apart
        String marked = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</(p|div|li|tr|h[1-6])>", "\n");
        String cleaned = Jsoup.clean(marked, "", Safelist.none(), keepLines);
        return org.jsoup.parser.Parser.unescapeEntities(cleaned, false).replaceAll("\n{3,}", "\n\n").strip();
    }
}
