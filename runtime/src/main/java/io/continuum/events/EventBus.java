package io.continuum.events;

import java.util.Optional;

/**
 * Where the outbox relay hands committed events: to the consumers in this process (CDI observers of
 * {@link DomainEvent}, {@link InProcessEventBus}), or to Kafka when a broker is configured
 * ({@link KafkaEventBus}), whose consumer groups then deliver to the same observers on every node.
 * {@link EventBusChoice} picks one at start.
 */
public interface EventBus {

    /**
     * Returns once the event is delivered (in process) or durably accepted (Kafka).
     *
     * @throws Unavailable if the bus could not take the event: it stays in the outbox, nothing was delivered
     */
    void publish(DomainEvent event);

    /** The bus (a broker) did not acknowledge the event; the event is not the cause, so it is no consumer's failure. */
    final class Unavailable extends RuntimeException {

        Unavailable(String message, Throwable cause) {
            super(message + " (" + rootCause(cause) + ")", cause);
        }

        /** The unavailability somewhere in {@code error}'s causes, if any. */
        static Optional<Unavailable> in(Throwable error) {
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                if (cause instanceof Unavailable unavailable) {
                    return Optional.of(unavailable);
                }
            }
            return Optional.empty();
        }

        private static String rootCause(Throwable error) {
            Throwable root = error;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
    }
}
