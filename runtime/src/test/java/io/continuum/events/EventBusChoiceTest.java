package io.continuum.events;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/** Without a broker configured (the embedded default), events stay in the process and no Kafka client exists. */
@QuarkusTest
class EventBusChoiceTest {

    @Inject
    EventBus bus;

    @Test
    void withoutBootstrapServersTheBusIsInProcessAndNoKafkaClientRuns() {
        receive(inbound("email", sender(uniqueEmail("in-process"), null, null, null, null), "hello"));

        assertThat(ClientProxy.unwrap(bus)).isInstanceOf(InProcessEventBus.class);
        // every Kafka client (producer, consumer, admin) runs a network thread named after the client kind
        assertThat(Thread.getAllStackTraces().keySet()).map(Thread::getName)
                .noneMatch(name -> name.startsWith("kafka-") || name.contains("adminclient"));
    }
}
