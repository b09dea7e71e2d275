package io.continuum.firstcontact;

import io.continuum.firstcontact.Entities.Entity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntitiesTest {

    @Test
    void orderIds() {
        assertThat(Entities.in("Where is order #12345? Also ORD-2024-001 and order number 778899"))
                .containsExactly(new Entity("order_id", "#12345"), new Entity("order_id", "ORD-2024-001"),
                        new Entity("order_id", "778899"));
    }

    @Test
    void transactionIds() {
        assertThat(Entities.in("Transaction TXN-88A1B2C3 failed, transaction reference: 9F3K2L7Q"))
                .containsExactly(new Entity("transaction_id", "TXN-88A1B2C3"), new Entity("transaction_id", "9F3K2L7Q"));
    }

    @Test
    void moneyWithCurrency() {
        assertThat(Entities.in("I paid $12.50, then 12,50 € and 100 USD, then EUR 30.00"))
                .containsExactly(new Entity("money", "$12.50"), new Entity("money", "12,50 €"),
                        new Entity("money", "100 USD"), new Entity("money", "EUR 30.00"));
    }

    @Test
    void emailsAndPhones() {
        assertThat(Entities.in("Write to ana.lopez+billing@example.co.uk or call +44 20 7946 0958 or (415) 555-0132"))
                .containsExactly(new Entity("email", "ana.lopez+billing@example.co.uk"),
                        new Entity("phone", "+44 20 7946 0958"), new Entity("phone", "(415) 555-0132"));
    }

    @Test
    void cardLastFour() {
        assertThat(Entities.in("My card ending in 4242 was charged, the other one ends with 1881, ****5678"))
                .containsExactly(new Entity("card_last4", "4242"), new Entity("card_last4", "1881"),
                        new Entity("card_last4", "5678"));
    }

    @Test
    void invoiceAndTicketNumbers() {
        assertThat(Entities.in("We paid INV-2024-0117 and invoice number 88213, see ticket #4521 and case SUP-1209"))
                .containsExactly(new Entity("invoice_id", "INV-2024-0117"), new Entity("invoice_id", "88213"),
                        new Entity("ticket_id", "4521"), new Entity("ticket_id", "SUP-1209"));
    }

    @Test
    void errorCodesAndExceptionNames() {
        assertThat(Entities.in("Checkout returns HTTP 500, then 502 Bad Gateway; the SDK throws java.lang.NullPointerException"
                + " and the browser a TypeError"))
                .containsExactly(new Entity("error_code", "500"), new Entity("error_code", "502 Bad Gateway"),
                        new Entity("error_code", "java.lang.NullPointerException"), new Entity("error_code", "TypeError"));
    }

    @Test
    void linksAreOneEntityWithoutTheTrailingPunctuation() {
        assertThat(Entities.in("It fails on https://shop.example.com/checkout?order=12345&mail=a@b.co. Also (http://example.org/x)"))
                .containsExactly(new Entity("url", "https://shop.example.com/checkout?order=12345&mail=a@b.co"),
                        new Entity("url", "http://example.org/x"));
    }

    @Test
    void aNumberIsOneEntityOnlyAndDatesAreNotPhones() {
        assertThat(Entities.in("Order #1234567890 placed on 2024-11-25")).containsExactly(new Entity("order_id", "#1234567890"));
        assertThat(Entities.in("Nothing to see here")).isEmpty();
    }
}
