package io.continuum.decisions.engine;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps decision tables data: a DMN model may compute in FEEL only. The DMN engine would also run
 * Java (a {@code functionDefinition} of kind Java, or a FEEL {@code function(..) external {java: ..}}
 * literal, which can call any static method such as {@code Runtime.exec}) and external models (PMML
 * functions and imports of anything but DMN). Those are refused, each named with its position.
 */
final class DmnCodeGuard {

    private static final Set<String> FEEL_KINDS = Set.of("feel", "f");
    /** A function definition is written as either element: inside an expression, or as a business knowledge model's logic. */
    private static final Set<String> FUNCTION_DEFINITIONS = Set.of("functionDefinition", "encapsulatedLogic");
    private static final String DMN_IMPORT_PREFIX = "http://www.omg.org/spec/dmn/";
    private static final Pattern EXTERNAL_FUNCTION = Pattern.compile("\\bexternal\\s*\\{", Pattern.CASE_INSENSITIVE);
    private static final Pattern JAVA_OR_PMML = Pattern.compile("\\b(java|pmml)\\s*:", Pattern.CASE_INSENSITIVE);

    private DmnCodeGuard() {
    }

    /** Every Java function, FEEL external function and non-DMN import in the source, as errors. */
    static List<ValidationMessage> check(String source) {
        List<ValidationMessage> refused = new ArrayList<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        Deque<String> named = new ArrayDeque<>();
        Deque<Boolean> pushed = new ArrayDeque<>();
        StringBuilder text = null;
        int textLine = 0;
        int textColumn = 0;
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(source));
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = xml.getLocalName();
                    String label = label(xml);
                    pushed.push(label != null);
                    if (label != null) {
                        named.push(label);
                    }
                    int line = xml.getLocation().getLineNumber();
                    int column = xml.getLocation().getColumnNumber();
                    if (FUNCTION_DEFINITIONS.contains(element)) {
                        String kind = xml.getAttributeValue(null, "kind");
                        if (kind != null && !FEEL_KINDS.contains(kind.toLowerCase(Locale.ROOT))) {
                            refused.add(refusal(line, column, where(named),
                                    element + " of kind \"" + kind + "\" in " + where(named)
                                            + ": decision models may only define FEEL functions, not Java or PMML ones"));
                        }
                    } else if ("import".equals(element)) {
                        String type = xml.getAttributeValue(null, "importType");
                        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(DMN_IMPORT_PREFIX)) {
                            refused.add(refusal(line, column, where(named),
                                    "import of type \"" + type + "\" in " + where(named)
                                            + ": decision models may only import other DMN models"));
                        }
                    } else if ("text".equals(element)) {
                        text = new StringBuilder();
                        textLine = line;
                        textColumn = column;
                    }
                } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && text != null) {
                    text.append(xml.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if ("text".equals(xml.getLocalName()) && text != null) {
                        if (EXTERNAL_FUNCTION.matcher(text).find() && JAVA_OR_PMML.matcher(text).find()) {
                            refused.add(refusal(textLine, textColumn, where(named),
                                    "FEEL external function in " + where(named)
                                            + ": decision models may not call Java or PMML (" + abbreviated(text) + ")"));
                        }
                        text = null;
                    }
                    if (Boolean.TRUE.equals(pushed.poll())) {
                        named.pop();
                    }
                }
            }
        } catch (XMLStreamException e) {
            // the schema validation that follows reports malformed XML with its position
        }
        return refused;
    }

    /** Named elements (decisions, business knowledge models, context entries' variables) are what people recognise. */
    private static String label(XMLStreamReader xml) {
        String name = xml.getAttributeValue(null, "name");
        return name == null ? null : xml.getLocalName() + " '" + name + "'";
    }

    private static String where(Deque<String> named) {
        return named.isEmpty() ? "the model" : named.peek();
    }

    private static String abbreviated(CharSequence text) {
        String flat = text.toString().replaceAll("\\s+", " ").trim();
        return flat.length() > 80 ? flat.substring(0, 80) + "…" : flat;
    }

    private static ValidationMessage refusal(int line, int column, String element, String message) {
        return new ValidationMessage(ValidationMessage.Severity.ERROR, line > 0 ? line : null, column > 0 ? column : null,
                element, message);
    }
}
