package io.continuum.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;

/** The one clock of the application, so time-dependent behaviour can be reasoned about in one place. */
@ApplicationScoped
public class ClockProducer {

    /** The system's UTC clock; with the demo data on, one the demo history can turn back on its own thread. */
    @Produces
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "continuum.demo-data") boolean demoData) {
        return demoData ? new DemoHistoryClock() : Clock.systemUTC();
    }
}
