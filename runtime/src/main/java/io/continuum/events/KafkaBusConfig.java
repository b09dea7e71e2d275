package io.continuum.events;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The Kafka event bus: on when bootstrap servers are configured, otherwise events stay in each node's process. */
@ConfigMapping(prefix = "continuum.events.kafka")
public interface KafkaBusConfig {

    /** host:port[,host:port…] of the brokers; absent means the in-process bus and no Kafka client at all. */
    Optional<String> bootstrapServers();

    /** Partitions of each topic created at start: the most nodes that can share one consumer group's work. */
    int partitions();

    /** Copies of each partition on distinct brokers, for the topics created at start. */
    short replicationFactor();
}
