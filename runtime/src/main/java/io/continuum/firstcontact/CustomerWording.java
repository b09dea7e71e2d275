package io.continuum.firstcontact;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fixed lines first contact writes to a customer, in each served language: the offer of a
 * person that ends every AI reply, the one clarifying question, and the lines around an article's
 * steps. The word a customer is told to reply with is one {@link HumanRequest} recognises on its
 * own, so the offer is kept in every language.
 *
 * @param offerAPerson how to reach a person, with the word to reply
 * @param clarifying   the clarifying question, {@code %s} standing for the article's title
 * @param stepsFrom    what introduces an article's steps, {@code %s} standing for its title
 * @param fullArticle  what introduces the link to the whole article
 */
public record CustomerWording(String offerAPerson, String clarifying, String stepsFrom, String fullArticle) {

    static final String DEFAULT_LANGUAGE = "en";

    private static final Map<String, CustomerWording> BY_LANGUAGE = Map.of(
            "en", new CustomerWording(
                    "If this doesn't solve it, just reply \"agent\" and a person will take over.",
                    "To point you to the right answer: is your question about \"%s\", or something else?",
                    "Here is how to do it (from our help article \"%s\"):",
                    "Full article:"),
            "es", new CustomerWording(
                    "Si esto no lo resuelve, responda \"agente\" y una persona se hará cargo.",
                    "Para indicarle la respuesta correcta: ¿su pregunta es sobre \"%s\" o sobre otra cosa?",
                    "Así se hace (de nuestro artículo de ayuda \"%s\"):",
                    "Artículo completo:"),
            "de", new CustomerWording(
                    "Falls das nicht hilft, antworten Sie einfach \"Mitarbeiter\" und ein Mensch übernimmt.",
                    "Damit wir Sie zur richtigen Antwort führen: Geht es in Ihrer Frage um \"%s\" oder um etwas anderes?",
                    "So geht es (aus unserem Hilfeartikel \"%s\"):",
                    "Ganzer Artikel:"),
            "fr", new CustomerWording(
                    "Si cela ne résout pas le problème, répondez simplement \"agent\" et une personne prendra le relais.",
                    "Pour vous orienter vers la bonne réponse : votre question porte-t-elle sur \"%s\" ou sur autre chose ?",
                    "Voici comment faire (d'après notre article d'aide \"%s\") :",
                    "Article complet :"),
            "pt", new CustomerWording(
                    "Se isto não resolver, basta responder \"atendente\" e uma pessoa assumirá o atendimento.",
                    "Para indicar a resposta certa: a sua pergunta é sobre \"%s\" ou sobre outra coisa?",
                    "Veja como fazer (do nosso artigo de ajuda \"%s\"):",
                    "Artigo completo:"),
            "it", new CustomerWording(
                    "Se questo non risolve, risponda semplicemente \"operatore\" e una persona se ne occuperà.",
                    "Per indicarle la risposta giusta: la sua domanda riguarda \"%s\" o qualcos'altro?",
                    "Ecco come fare (dal nostro articolo di aiuto \"%s\"):",
                    "Articolo completo:"),
            "nl", new CustomerWording(
                    "Lost dit het niet op, antwoord dan gewoon \"medewerker\" en een persoon neemt het over.",
                    "Om u naar het juiste antwoord te leiden: gaat uw vraag over \"%s\" of over iets anders?",
                    "Zo doet u het (uit ons helpartikel \"%s\"):",
                    "Volledig artikel:"));

    /**
     * The wording for a language tag (es, es-MX, …); English for a language first contact does not
     * speak, or none.
     */
    public static CustomerWording in(String language) {
        if (language == null || language.isBlank()) {
            return BY_LANGUAGE.get(DEFAULT_LANGUAGE);
        }
        String primary = language.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return BY_LANGUAGE.getOrDefault(primary, BY_LANGUAGE.get(DEFAULT_LANGUAGE));
    }

    /** The languages first contact writes in. */
    public static Set<String> languages() {
        return BY_LANGUAGE.keySet();
    }

    /** The clarifying question about an article, followed by the offer of a person. */
    public String clarifyingQuestion(String articleTitle) {
        return clarifying.formatted(articleTitle) + " " + offerAPerson;
    }
}
